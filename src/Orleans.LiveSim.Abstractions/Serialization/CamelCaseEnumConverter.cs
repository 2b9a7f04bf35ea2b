using System.Text.Json;
using System.Text.Json.Serialization;

namespace Orleans.LiveSim.Abstractions.Serialization;

/// <summary>
/// Writes an engine enum as its camelCase name (<c>running</c>, <c>active</c>, <c>won</c>), whichever serializer options
/// the record travels with: the HTTP responses, the events and the stored state all show the same names.
/// </summary>
public sealed class CamelCaseEnumConverter<TEnum>() : JsonStringEnumConverter<TEnum>(JsonNamingPolicy.CamelCase)
    where TEnum : struct, Enum;
