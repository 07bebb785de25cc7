using System.Text.Encodings.Web;
using System.Text.Json;

namespace Streams.Platform.SchemaRegistry;

/// <summary>JSON writing options shared by responses and log records.</summary>
internal static class RegistryJson
{
    /// <summary>
    /// Escapes only what JSON requires, as Confluent's registry does: the default encoder would
    /// write every quote inside a schema string as \u0022, valid but unreadable in the topic
    /// and in 409 messages. Nothing here is embedded in HTML.
    /// </summary>
    public static readonly JsonSerializerOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
}
