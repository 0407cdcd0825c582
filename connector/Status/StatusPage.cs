using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace HaIngestor.Connector.Status;

/// <summary>
/// The status page: rendered on the server from the status snapshot, one self-contained HTML document (inline CSS,
/// no external assets, no framework), readable on a phone. It refreshes itself every few seconds: a few lines of
/// script swap in the fresh page, and without script a meta refresh does. Links carry the ingress prefix.
/// </summary>
internal static class StatusPage
{
    /// <summary>Seconds between refreshes.</summary>
    public const int RefreshSeconds = 5;

    private const string Style = """
        :root{color-scheme:light dark;--ok:#1b873f;--warn:#b7791f;--bad:#c53030;--line:#8884}
        body{font:15px/1.4 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0;padding:12px;max-width:980px;margin:auto}
        h1{font-size:1.25em;margin:.2em 0}h2{font-size:1.05em;margin:1.2em 0 .4em}
        .badge{display:inline-block;padding:.1em .6em;border-radius:1em;color:#fff;font-weight:600}
        .ok{background:var(--ok)}.warn{background:var(--warn)}.bad{background:var(--bad)}
        td.ok,td.warn,td.bad{background:none}td.ok{color:var(--ok)}td.warn{color:var(--warn)}td.bad{color:var(--bad)}
        .grid{display:grid;grid-template-columns:repeat(auto-fit,minmax(140px,1fr));gap:8px}
        .tile{border:1px solid var(--line);border-radius:8px;padding:8px}.tile b{display:block;font-size:1.3em}
        table{border-collapse:collapse;width:100%}td,th{text-align:left;padding:4px 6px;border-bottom:1px solid var(--line);vertical-align:top;overflow-wrap:break-word}
        th{font-weight:600}.num{text-align:right}table.home{margin-bottom:8px}.muted{opacity:.7;font-size:.9em}
        footer{margin-top:1.5em}a{color:inherit}
        """;

    // Swaps in the fresh page without a reload flash; the meta refresh in <noscript> covers browsers without script.
    private const string Script = """
        setInterval(async()=>{try{const r=await fetch(location.href,{cache:"no-store"});if(!r.ok)return;
        const d=new DOMParser().parseFromString(await r.text(),"text/html");document.querySelector("main").replaceWith(d.querySelector("main"));}catch(e){}},
        """;

    /// <summary>Renders the page for the snapshot; <paramref name="prefix"/> is the ingress path ("" when none).</summary>
    public static string Render(JsonElement snapshot, string prefix)
    {
        var html = new StringBuilder(8192);
        var health = snapshot.GetProperty("health");
        var status = health.GetProperty("status").GetString() ?? "unknown";
        html.Append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">")
            .Append("<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">")
            .Append("<title>HA Ingestor: ").Append(E(status)).Append("</title>")
            .Append("<noscript><meta http-equiv=\"refresh\" content=\"").Append(RefreshSeconds).Append("\"></noscript>")
            .Append("<style>").Append(Style).Append("</style></head><body><main>");
        html.Append("<h1>HA Ingestor <span class=\"badge ").Append(Level(status)).Append("\" id=\"status\">").Append(E(status)).Append("</span></h1>");
        foreach (var reason in health.GetProperty("reasons").EnumerateArray())
        {
            html.Append("<div class=\"muted\">").Append(E(reason.GetString())).Append("</div>");
        }

        WriteTiles(html, snapshot, health);
        WriteHomes(html, health);
        WriteTransport(html, health);
        WriteDomains(html, snapshot.GetProperty("events"));
        WriteProblems(html, snapshot.GetProperty("problems"));
        foreach (var section in snapshot.GetProperty("sections").EnumerateArray())
        {
            WriteSection(html, section);
        }

        html.Append("<footer class=\"muted\">Version ").Append(E(health.GetProperty("version").GetString()))
            .Append(" · updated ").Append(E(snapshot.GetProperty("generated_at").GetDateTimeOffset().ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture)))
            .Append(" · refreshes every ").Append(RefreshSeconds).Append(" s · <a href=\"").Append(E(prefix)).Append("/status.json\">status.json</a> · <a href=\"")
            .Append(E(prefix)).Append("/health\">health</a> · <a href=\"").Append(E(prefix)).Append("/metrics\">metrics</a></footer>");
        html.Append("</main><script>").Append(Script).Append(RefreshSeconds * 1000).Append(");</script></body></html>");
        return html.ToString();
    }

    private static void WriteTiles(StringBuilder html, JsonElement snapshot, JsonElement health)
    {
        var events = snapshot.GetProperty("events");
        var journal = health.GetProperty("journal");
        var buffer = health.GetProperty("buffer");
        var lag = events.GetProperty("average_lag_ms");
        html.Append("<div class=\"grid\">");
        Tile(html, "events/s", Number(events.GetProperty("per_second").GetDouble(), "N1"), "rate");
        Tile(html, "events received", Number(events.GetProperty("received").GetInt64()), "received");
        Tile(html, "events delivered", Number(events.GetProperty("published").GetInt64()), "published");
        Tile(html, "average lag", lag.ValueKind == JsonValueKind.Number ? Number(lag.GetDouble(), "N0") + " ms" : "–", "lag");
        Tile(html, "buffer", Number(buffer.GetProperty("depth").GetInt64()) + (buffer.GetProperty("spilling").GetBoolean() ? " (spilling)" : string.Empty), "buffer");
        Tile(html, "journal", Number(journal.GetProperty("depth").GetInt64()) + " events", "journal");
        html.Append("</div>");
    }

    private static void Tile(StringBuilder html, string label, string value, string id) =>
        html.Append("<div class=\"tile\"><span class=\"muted\">").Append(E(label)).Append("</span><b id=\"").Append(id).Append("\">").Append(E(value)).Append("</b></div>");

    // One small table per home (label, value): readable on a phone, where six columns are not.
    private static void WriteHomes(StringBuilder html, JsonElement health)
    {
        html.Append("<h2>Home Assistant</h2>");
        foreach (var home in health.GetProperty("homes").EnumerateArray())
        {
            var state = home.GetProperty("state").GetString() ?? string.Empty;
            var age = home.GetProperty("last_event_age_seconds");
            html.Append("<table class=\"home\"><tr><th>").Append(E(home.GetProperty("home").GetString()))
                .Append("</th><td class=\"num ").Append(state == "Connected" ? "ok" : state == "AuthFailed" ? "bad" : "warn").Append("\">").Append(E(state)).Append("</td></tr>");
            Row(html, "Home Assistant version", home.GetProperty("ha_version").GetString() ?? "–");
            Row(html, "events received", Number(home.GetProperty("events_received").GetInt64()));
            Row(html, "last event", age.ValueKind == JsonValueKind.Number ? Age(age.GetDouble()) + " ago" : "–");
            Row(html, "reconnects", Number(home.GetProperty("reconnects").GetInt64()));
            Row(html, "restart re-announcements skipped", Number(home.GetProperty("restart_duplicates").GetInt64()));
            if (home.GetProperty("last_error").GetString() is { Length: > 0 } error)
            {
                Row(html, "last error", error);
            }

            html.Append("</table>");
        }
    }

    private static void Row(StringBuilder html, string label, string value) =>
        html.Append("<tr><td>").Append(E(label)).Append("</td><td class=\"num\">").Append(E(value)).Append("</td></tr>");

    private static void WriteTransport(StringBuilder html, JsonElement health)
    {
        var transport = health.GetProperty("transport");
        var state = transport.GetProperty("state").GetString();
        html.Append("<h2>Transport</h2><table><tr><td>").Append(E(transport.GetProperty("name").GetString()))
            .Append("</td><td class=\"").Append(state == "ok" ? "ok" : "bad").Append("\" id=\"transport\">").Append(E(state)).Append("</td><td class=\"muted\">");
        if (transport.GetProperty("last_error").GetString() is { Length: > 0 } error)
        {
            html.Append("last error: ").Append(E(error));
        }

        html.Append("</td></tr></table>");
    }

    private static void WriteDomains(StringBuilder html, JsonElement events)
    {
        html.Append("<h2>Events by domain</h2><table id=\"domains\">");
        var any = false;
        foreach (var domain in events.GetProperty("by_domain").EnumerateArray())
        {
            any = true;
            html.Append("<tr><td>").Append(E(domain.GetProperty("domain").GetString())).Append("</td><td class=\"num\">")
                .Append(Number(domain.GetProperty("count").GetInt64())).Append("</td></tr>");
        }

        html.Append(any ? string.Empty : "<tr><td class=\"muted\">no events yet</td></tr>").Append("</table>");
    }

    private static void WriteProblems(StringBuilder html, JsonElement problems)
    {
        var rejected = problems.GetProperty("rejected").GetInt64();
        var deadLettered = problems.GetProperty("dead_lettered").GetInt64();
        var dropped = problems.GetProperty("dropped").GetInt64();
        html.Append("<h2>Problems</h2><table>")
            .Append("<tr><td>rejected by validation</td><td class=\"num ").Append(rejected > 0 ? "warn" : "ok").Append("\" id=\"rejected\">").Append(Number(rejected)).Append("</td></tr>")
            .Append("<tr><td>dead-lettered</td><td class=\"num ").Append(deadLettered > 0 ? "warn" : "ok").Append("\" id=\"deadlettered\">").Append(Number(deadLettered)).Append("</td></tr>")
            .Append("<tr><td>dropped (journal full)</td><td class=\"num ").Append(dropped > 0 ? "bad" : "ok").Append("\">").Append(Number(dropped)).Append("</td></tr></table>");
        WriteList(html, "Latest dead-letter reasons", problems.GetProperty("latest_reasons"));
        WriteList(html, "Last warnings", problems.GetProperty("warnings"));
    }

    private static void WriteList(StringBuilder html, string title, JsonElement items)
    {
        if (items.GetArrayLength() == 0)
        {
            return;
        }

        html.Append("<h2>").Append(E(title)).Append("</h2><table>");
        foreach (var item in items.EnumerateArray())
        {
            html.Append("<tr><td class=\"muted\">").Append(E(item.GetProperty("at").GetDateTimeOffset().ToString("HH:mm:ss", CultureInfo.InvariantCulture)))
                .Append("</td><td>").Append(E(item.GetProperty("message").GetString())).Append("</td></tr>");
        }

        html.Append("</table>");
    }

    private static void WriteSection(StringBuilder html, JsonElement section)
    {
        html.Append("<h2 id=\"section-").Append(E(section.GetProperty("id").GetString())).Append("\">").Append(E(section.GetProperty("title").GetString())).Append("</h2><table>");
        foreach (var row in section.GetProperty("rows").EnumerateArray())
        {
            html.Append("<tr><td>").Append(E(row.GetProperty("label").GetString())).Append("</td><td class=\"num");
            if (row.GetProperty("level").GetString() is { Length: > 0 } level)
            {
                html.Append(' ').Append(Level(level));
            }

            html.Append("\">").Append(E(row.GetProperty("value").GetString())).Append("</td></tr>");
        }

        html.Append("</table>");
    }

    private static string Level(string status) => status switch
    {
        "healthy" or "ok" => "ok",
        "degraded" or "warn" => "warn",
        _ => "bad",
    };

    private static string Age(double seconds) => seconds switch
    {
        < 60 => string.Create(CultureInfo.InvariantCulture, $"{seconds:0} s"),
        < 3600 => string.Create(CultureInfo.InvariantCulture, $"{seconds / 60:0} min"),
        < 172_800 => string.Create(CultureInfo.InvariantCulture, $"{seconds / 3600:0.#} h"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{seconds / 86_400:0} d"),
    };

    private static string Number(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    private static string Number(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);

    private static string E(string? text) => HtmlEncoder.Default.Encode(text ?? string.Empty);
}
