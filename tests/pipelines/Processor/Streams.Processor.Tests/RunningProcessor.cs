using Microsoft.Extensions.Hosting;

namespace Streams.Processor.Tests;

internal sealed record RunningProcessor(IHost Host, CapturedLog Log);
