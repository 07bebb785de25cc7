using System.Text.Json;

namespace Streams.System.Tests;

/// <summary>A body the notifier posted, and when it arrived: a second delivery is placed in the fault that caused it by its time.</summary>
internal sealed record WebhookDelivery(DateTime At, JsonElement Body);
