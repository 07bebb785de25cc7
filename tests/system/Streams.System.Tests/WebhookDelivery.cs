using System.Text.Json;

namespace Streams.System.Tests;

/// <summary>
/// A body the notifier posted, when it arrived (a second delivery is placed in the fault that
/// caused it by its time) and its <c>Idempotency-Key</c>.
/// </summary>
internal sealed record WebhookDelivery(DateTime At, string? Key, JsonElement Body);
