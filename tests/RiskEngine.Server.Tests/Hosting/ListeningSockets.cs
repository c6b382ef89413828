using System.Globalization;
using System.Net;

namespace RiskEngine.Server.Tests.Hosting;

/// <summary>
/// The TCP addresses a process listens on, as the kernel reports them: the listening rows of /proc/PID/net/tcp and tcp6
/// whose socket inode is one of the process's open files (/proc/PID/fd).
/// </summary>
public static class ListeningSockets
{
    private const string Listen = "0A";

    public static IReadOnlyList<IPEndPoint> Of(int processId)
    {
        var inodes = new DirectoryInfo($"/proc/{processId}/fd").EnumerateFileSystemInfos()
            .Select(fd => fd.LinkTarget)
            .Where(target => target is not null && target.StartsWith("socket:[", StringComparison.Ordinal))
            .Select(target => target!["socket:[".Length..^1])
            .ToHashSet(StringComparer.Ordinal);
        return new[] { "tcp", "tcp6" }
            .SelectMany(table => File.ReadLines($"/proc/{processId}/net/{table}").Skip(1))
            .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Where(columns => columns[3] == Listen && inodes.Contains(columns[9]))
            .Select(columns => Parse(columns[1]))
            .Distinct()
            .ToList();
    }

    // "0100007F:2AF8" is 127.0.0.1:11000: the address as the kernel's 32-bit words in host (little-endian) order, the port big-endian.
    private static IPEndPoint Parse(string text)
    {
        var (addressHex, portHex) = (text[..text.IndexOf(':', StringComparison.Ordinal)], text[(text.IndexOf(':', StringComparison.Ordinal) + 1)..]);
        var bytes = new byte[addressHex.Length / 2];
        for (var word = 0; word < bytes.Length / 4; word++)
        {
            var value = uint.Parse(addressHex.AsSpan(word * 8, 8), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            BitConverter.TryWriteBytes(bytes.AsSpan(word * 4, 4), value);
        }

        return new IPEndPoint(new IPAddress(bytes), int.Parse(portHex, NumberStyles.HexNumber, CultureInfo.InvariantCulture));
    }
}
