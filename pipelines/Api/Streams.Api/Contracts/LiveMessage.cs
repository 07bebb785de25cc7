namespace Streams.Api.Contracts;

/// <summary>A live frame: type is alert, anomaly, window, notification or dropped.</summary>
internal sealed record LiveMessage(string Type, object Data);
