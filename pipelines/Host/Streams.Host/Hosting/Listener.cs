namespace Streams.Host.Hosting;

/// <summary>A port a <c>streams</c> process listens on (or a route on the API port with its own credential), and who can use it.</summary>
/// <param name="Name">What listens: "api port", "nrdp", "zabbix trapper", ….</param>
/// <param name="Address">Where: host:port, or the route.</param>
/// <param name="Protection">Who can use it, in words for <c>streams status</c>.</param>
/// <param name="Open">Reachable beyond loopback by anyone, without a credential, and not opted into.</param>
/// <param name="Fix">For an open listener, the settings that close it.</param>
internal sealed record Listener(string Name, string Address, string Protection, bool Open = false, string? Fix = null);
