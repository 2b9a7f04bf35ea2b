namespace Orleans.LiveSim.Store;

/// <summary>How a silo reaches its PostgreSQL database.</summary>
public sealed class LiveSimStoreOptions
{
    /// <summary>The configuration key of the connection string.</summary>
    public const string ConnectionStringKey = "ConnectionStrings:LiveSim";

    /// <summary>The configuration key of <see cref="AutoMigrate"/>.</summary>
    public const string AutoMigrateKey = "LiveSim:Database:AutoMigrate";

    /// <summary>Npgsql connection string (<c>ConnectionStrings:LiveSim</c>). No default: required when PostgreSQL is used.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>Apply <c>silo-config/sql/*.sql</c> before the silo starts (<c>LiveSim:Database:AutoMigrate</c>). Default false.</summary>
    public bool AutoMigrate { get; set; }
}
