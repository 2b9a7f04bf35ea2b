namespace Orleans.LiveSim.Silo.Hosting;

/// <summary>Turns a start-up failure into one line: the messages of the exception and its causes, without wrappers' noise.</summary>
public static class StartupError
{
    public static string Describe(Exception exception)
    {
        var messages = new List<string>();
        for (Exception? e = exception; e is not null; e = e.InnerException)
        {
            if (e is AggregateException { InnerExceptions.Count: > 1 } aggregate)
            {
                messages.AddRange(aggregate.InnerExceptions.Select(i => i.Message));
                break;
            }

            if (!messages.Any(m => m.Contains(e.Message, StringComparison.Ordinal)))
            {
                messages.Add(e.Message);
            }
        }

        return string.Join(" <- ", messages);
    }
}
