using System.Globalization;

namespace RiskEngine.LoadTests.Hosting;

/// <summary>
/// A process and everything it started, still running, from Linux's /proc (each process's parent is field 4 of
/// /proc/PID/stat): what a child's script costs, its servers and drivers included. Elsewhere: the process alone.
/// </summary>
public static class ProcessTree
{
    /// <summary>The pids of <paramref name="root"/> and its living descendants; empty when the root has ended.</summary>
    public static IReadOnlyList<int> Of(int root)
    {
        if (!Directory.Exists("/proc"))
        {
            return [root];
        }

        var children = new Dictionary<int, List<int>>();
        var alive = false;
        foreach (var folder in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(folder), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
            {
                continue;
            }

            if (ParentOf(folder) is not { } parent)
            {
                continue;
            }

            alive |= pid == root;
            if (!children.TryGetValue(parent, out var list))
            {
                children[parent] = list = [];
            }

            list.Add(pid);
        }

        if (!alive)
        {
            return [];
        }

        var tree = new List<int> { root };
        for (var i = 0; i < tree.Count; i++)
        {
            if (children.TryGetValue(tree[i], out var list))
            {
                tree.AddRange(list);
            }
        }

        return tree;
    }

    private static int? ParentOf(string folder)
    {
        try
        {
            // "pid (command) state ppid ...": the command may hold spaces and parentheses, so count from the last ')'.
            var text = File.ReadAllText(Path.Combine(folder, "stat"));
            var fields = text[(text.LastIndexOf(')') + 2)..].Split(' ', 3);
            return int.Parse(fields[1], NumberStyles.None, CultureInfo.InvariantCulture);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException or FormatException or ArgumentOutOfRangeException or IndexOutOfRangeException)
        {
            // Ended while being read.
            return null;
        }
    }
}
