namespace Orleans.LiveSim.Store.Tests.Grains;

public sealed class ReminderTestGrain : Grain, IReminderTestGrain, IRemindable
{
    private readonly Dictionary<string, int> _ticks = [];

    public Task RegisterAsync(string name, TimeSpan dueTime, TimeSpan period) =>
        this.RegisterOrUpdateReminder(name, dueTime, period);

    public async Task<string[]> GetReminderNamesAsync()
    {
        var reminders = await this.GetReminders();
        return reminders.Select(r => r.ReminderName).Order(StringComparer.Ordinal).ToArray();
    }

    public async Task UnregisterAsync(string name)
    {
        var reminder = await this.GetReminder(name)
            ?? throw new InvalidOperationException($"No reminder named {name}.");
        await this.UnregisterReminder(reminder);
    }

    public Task<int> GetTickCountAsync(string name) => Task.FromResult(_ticks.GetValueOrDefault(name));

    public Task ReceiveReminder(string reminderName, TickStatus status)
    {
        _ticks[reminderName] = _ticks.GetValueOrDefault(reminderName) + 1;
        return Task.CompletedTask;
    }
}
