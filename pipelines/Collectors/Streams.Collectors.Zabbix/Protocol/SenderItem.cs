namespace Streams.Collectors.Zabbix.Protocol;

/// <summary>One value of a <c>sender data</c> or <c>agent data</c> request; <see cref="Clock"/> (Unix seconds) and <see cref="Ns"/> when the sender stamped it.</summary>
internal readonly record struct SenderItem(string Host, string Key, string Value, long? Clock, long? Ns);
