namespace Streams.Collectors.Zabbix.Protocol;

/// <summary>Bytes that are not a Zabbix protocol message, with what was received of them (for the dead letter).</summary>
internal sealed class ZabbixFrameException(string message, byte[] received, Exception? inner = null) : Exception(message, inner)
{
    public byte[] Received { get; } = received;
}
