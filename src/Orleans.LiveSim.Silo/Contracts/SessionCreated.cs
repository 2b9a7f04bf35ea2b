using System.Text.Json;
using System.Text.Json.Serialization;
using Orleans.LiveSim.Abstractions.Sessions;

namespace Orleans.LiveSim.Silo.Contracts;

/// <summary>
/// The 201 body of <c>POST /live-sim/sessions</c>: the session's view and, beside the view's fields, its
/// <c>accessToken</c> (shown this once; the session keeps only its hash).
/// </summary>
[JsonConverter(typeof(Converter))]
public sealed record SessionCreated(SessionView View, string AccessToken)
{
    /// <summary>Writes the view's properties, as the view itself is written, then <c>accessToken</c>.</summary>
    internal sealed class Converter : JsonConverter<SessionCreated>
    {
        public override SessionCreated Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            throw new NotSupportedException("SessionCreated is a response.");

        public override void Write(Utf8JsonWriter writer, SessionCreated value, JsonSerializerOptions options) =>
            Write(writer, value.View, nameof(AccessToken), value.AccessToken, options);

        /// <summary>Writes <paramref name="view"/>'s properties, as the view itself is written, then one more string property.</summary>
        internal static void Write<TView>(Utf8JsonWriter writer, TView view, string name, string value, JsonSerializerOptions options)
        {
            writer.WriteStartObject();
            foreach (var property in options.GetTypeInfo(typeof(TView)).Properties)
            {
                var item = property.Get!(view!);
                if (property.ShouldSerialize?.Invoke(view!, item) ?? true)
                {
                    writer.WritePropertyName(property.Name);
                    JsonSerializer.Serialize(writer, item, property.PropertyType, options);
                }
            }

            writer.WriteString(options.PropertyNamingPolicy?.ConvertName(name) ?? name, value);
            writer.WriteEndObject();
        }
    }
}
