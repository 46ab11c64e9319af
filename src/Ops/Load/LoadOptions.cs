using System.Globalization;

namespace OwnerPortal.Ops.Load;

/// <summary>What the load driver is asked to do (<c>OwnerPortal.Ops load --help</c>).</summary>
public sealed record LoadOptions
{
    public const string Usage = """
        usage: OwnerPortal.Ops load --portal URL --admin URL [options]
          --rate N          actions started per second, whatever the answers take (open loop; default 10)
          --duration S      seconds to run; 0 = until SIGINT/SIGTERM (default 60)
          --mix LIST        share of each action class (default owner=70,submit=5,staff=20,dashboard=5)
          --photos F        share of submissions carrying a small JPEG (default 0.3)
          --out DIR         writes requests.csv, acks.csv and summary.txt there (default .run/load)
          --owners LIST     owner e-mails (default the six demo owners)
          --staff LIST      staff e-mails for queues and case pages (default dispatchers and supervisors)
          --dashboards LIST staff e-mails for dashboard data (default the estate managers and leader)
          --password P      password of all of them (default the demo password)
        """;

    public required Uri Portal { get; init; }
    public required Uri Admin { get; init; }
    public double Rate { get; init; } = 10;
    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(60);
    public IReadOnlyDictionary<ActionClass, double> Mix { get; init; } = new Dictionary<ActionClass, double>
    {
        [ActionClass.Owner] = 70, [ActionClass.Submit] = 5, [ActionClass.Staff] = 20, [ActionClass.Dashboard] = 5,
    };
    public double PhotoShare { get; init; } = 0.3;
    public string OutDir { get; init; } = ".run/load";
    public IReadOnlyList<string> Owners { get; init; } = Demo("owner1.hy", "owner2.hy", "owner1.bhw", "owner2.bhw", "owner1.czy", "owner2.czy");
    public IReadOnlyList<string> Staff { get; init; } = Demo("dispatcher.hy", "service.hy", "dispatcher.bhw", "dispatcher.czy", "engineering.hy", "quality");
    public IReadOnlyList<string> Dashboards { get; init; } = Demo("manager.hy", "manager.bhw", "manager.czy", "leader");
    public string Password { get; init; } = OwnerPortal.Core.Demo.DemoDataGenerator.DemoPassword;

    private static string[] Demo(params string[] logins) => logins.Select(l => $"{l}@demo.ownerportal.cn").ToArray();

    /// <summary>Null and a message on stderr when the arguments do not make sense.</summary>
    public static LoadOptions? Parse(IReadOnlyList<string> args, TextWriter errors)
    {
        var values = new Dictionary<string, string>();
        for (var i = 0; i < args.Count; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Count)
            {
                errors.WriteLine(Usage);
                return null;
            }
            values[args[i][2..]] = args[++i];
        }
        try
        {
            if (!values.TryGetValue("portal", out var portal) || !values.TryGetValue("admin", out var admin))
                throw new FormatException("--portal and --admin are required");
            var options = new LoadOptions { Portal = new Uri(portal), Admin = new Uri(admin) };
            foreach (var (key, value) in values)
            {
                options = key switch
                {
                    "portal" or "admin" => options,
                    "rate" => options with { Rate = Positive(value) },
                    "duration" => options with { Duration = TimeSpan.FromSeconds(double.Parse(value, CultureInfo.InvariantCulture)) },
                    "mix" => options with { Mix = ParseMix(value) },
                    "photos" => options with { PhotoShare = double.Parse(value, CultureInfo.InvariantCulture) },
                    "out" => options with { OutDir = value },
                    "owners" => options with { Owners = List(value) },
                    "staff" => options with { Staff = List(value) },
                    "dashboards" => options with { Dashboards = List(value) },
                    "password" => options with { Password = value },
                    _ => throw new FormatException($"unknown option --{key}"),
                };
            }
            return options;
        }
        catch (Exception e) when (e is FormatException or UriFormatException or ArgumentException)
        {
            errors.WriteLine(e.Message);
            errors.WriteLine(Usage);
            return null;
        }
    }

    private static double Positive(string value) =>
        double.Parse(value, CultureInfo.InvariantCulture) is > 0 and var v ? v : throw new FormatException("--rate must be above 0");

    private static string[] List(string value) => value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static Dictionary<ActionClass, double> ParseMix(string value)
    {
        var mix = new Dictionary<ActionClass, double>();
        foreach (var part in List(value))
        {
            var pair = part.Split('=');
            if (pair.Length != 2 || !Enum.TryParse<ActionClass>(pair[0], ignoreCase: true, out var kind)
                || !double.TryParse(pair[1], CultureInfo.InvariantCulture, out var share) || share < 0)
                throw new FormatException($"--mix: cannot read '{part}' (owner=70,submit=5,staff=20,dashboard=5)");
            mix[kind] = share;
        }
        if (mix.Values.Sum() <= 0) throw new FormatException("--mix: all shares are 0");
        return mix;
    }
}

/// <summary>The classes the report is split by; sign-ins are counted apart from the work they open.</summary>
public enum ActionClass { Owner, Submit, Staff, Dashboard, SignIn }
