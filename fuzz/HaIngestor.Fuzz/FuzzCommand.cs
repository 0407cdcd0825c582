using SharpFuzz;

namespace HaIngestor.Fuzz;

/// <summary>
/// <c>HaIngestor.Fuzz &lt;target&gt;</c> runs under afl-fuzz (fuzz/run.sh). <c>--seeds &lt;folder&gt;</c> writes the seed
/// corpus per target; <c>--replay &lt;target&gt; &lt;file or folder&gt;...</c> runs inputs in process and fails on the
/// first finding (the regression check of fuzz/findings); <c>--list</c> names the targets.
/// </summary>
internal static class FuzzCommand
{
    public static int Run(string[] args)
    {
        switch (args)
        {
            case ["--list"]:
                foreach (var target in FuzzTargets.All)
                {
                    Console.WriteLine($"{target.Name,-18} {target.Reads}");
                }

                return 0;
            case ["--seeds", var folder]:
                return WriteSeeds(folder);
            case ["--replay", var name, .. var paths] when paths.Length > 0:
                return Replay(Require(name), paths);
            case [var name] when FuzzTargets.Find(name) is { } target:
                Fuzzer.OutOfProcess.Run(stream =>
                {
                    using var buffer = new MemoryStream();
                    stream.CopyTo(buffer);
                    target.Run(buffer.ToArray());
                });
                return 0;
            default:
                Console.Error.WriteLine("usage: HaIngestor.Fuzz <target> | --list | --seeds <folder> | --replay <target> <file or folder>...");
                Console.Error.WriteLine($"targets: {string.Join(", ", FuzzTargets.All.Select(target => target.Name))}");
                return 2;
        }
    }

    private static FuzzTarget Require(string name) =>
        FuzzTargets.Find(name) ?? throw new ArgumentException($"Unknown fuzz target '{name}'; --list names them.", nameof(name));

    private static int WriteSeeds(string folder)
    {
        var failed = false;
        foreach (var target in FuzzTargets.All)
        {
            var directory = Directory.CreateDirectory(Path.Combine(folder, target.Name));
            var count = 0;
            var findings = 0;
            foreach (var seed in target.Seeds())
            {
                File.WriteAllBytes(Path.Combine(directory.FullName, $"seed-{++count:D3}"), seed);
                try
                {
                    target.Run(seed);
                }
                catch (Exception ex)
                {
                    // A seed that is already a finding: reported, and kept so the run reproduces it.
                    findings++;
                    Console.Error.WriteLine($"{target.Name}: seed-{count:D3} is a finding: {ex.GetType().Name}: {ex.Message}");
                }
            }

            Console.WriteLine($"{target.Name}: {count} seeds" + (findings > 0 ? $", {findings} of them findings" : string.Empty));
            failed |= findings > 0;
        }

        return failed ? 1 : 0;
    }

    private static int Replay(FuzzTarget target, string[] paths)
    {
        var files = paths.SelectMany(path => Directory.Exists(path)
                ? Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories).Where(file => !Path.GetFileName(file).StartsWith('.') && Path.GetFileName(file) != "README.txt")
                : [path])
            .Order(StringComparer.Ordinal)
            .ToList();
        foreach (var file in files)
        {
            try
            {
                target.Run(File.ReadAllBytes(file));
            }
            catch (Exception ex)
            {
                Console.Error.WriteLine($"{target.Name}: {file}: {ex.GetType().Name}: {ex.Message}");
                Console.Error.WriteLine(ex.StackTrace);
                return 1;
            }
        }

        Console.WriteLine($"{target.Name}: {files.Count} inputs, no finding");
        return 0;
    }
}
