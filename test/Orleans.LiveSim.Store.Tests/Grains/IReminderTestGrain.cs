namespace Orleans.LiveSim.Store.Tests.Grains;

/// <summary>Registers, lists and removes reminders, and counts the ticks it receives.</summary>
[Alias("Store.Tests.IReminderTestGrain")]
public interface IReminderTestGrain : IGrainWithStringKey
{
    [Alias("Register")]
    Task RegisterAsync(string name, TimeSpan dueTime, TimeSpan period);

    [Alias("Names")]
    Task<string[]> GetReminderNamesAsync();

    [Alias("Unregister")]
    Task UnregisterAsync(string name);

    [Alias("Ticks")]
    Task<int> GetTickCountAsync(string name);
}
