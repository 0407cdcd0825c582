namespace HaIngestor.TestUtilities;

/// <summary>
/// Addresses of the real servers the tests run against, as exported by <c>./test.sh</c>.
/// A missing variable fails the test: a test that needs a server never silently skips.
/// </summary>
public static class TestServers
{
    /// <summary>Environment variable holding the Redis endpoint ("host:port").</summary>
    public const string RedisVariable = "HAI_TEST_REDIS";

    /// <summary>Environment variable holding the InfluxDB 1.x base URL.</summary>
    public const string InfluxDbVariable = "HAI_TEST_INFLUXDB_URL";

    /// <summary>Environment variable holding the Azurite blob connection string.</summary>
    public const string AzuriteVariable = "HAI_TEST_AZURITE_CONNECTION_STRING";

    /// <summary>Environment variable holding the path of tests/node/node_modules.</summary>
    public const string NodeModulesVariable = "HAI_TEST_NODE_MODULES";

    /// <summary>Redis endpoint as "host:port".</summary>
    public static string RedisEndpoint => Require(RedisVariable, "Redis");

    /// <summary>InfluxDB 1.x base URL (e.g. http://127.0.0.1:18086).</summary>
    public static Uri InfluxDbUrl
    {
        get
        {
            var raw = Require(InfluxDbVariable, "InfluxDB");
            if (!Uri.TryCreate(raw, UriKind.Absolute, out var uri))
            {
                Assert.Fail($"{InfluxDbVariable}='{raw}' is not an absolute URL.");
            }

            return uri;
        }
    }

    /// <summary>Connection string of the Azurite blob service (well-known development account).</summary>
    public static string AzuriteConnectionString => Require(AzuriteVariable, "Azurite (blob)");

    /// <summary>Path of the installed node tools (azurite, home-assistant-js-websocket, ws).</summary>
    public static string NodeModules
    {
        get
        {
            var path = Require(NodeModulesVariable, "Node tools");
            if (!Directory.Exists(path))
            {
                Assert.Fail($"{NodeModulesVariable}='{path}' does not exist. Run the tests with ./test.sh, which runs npm ci in tests/node.");
            }

            return path;
        }
    }

    private static string Require(string variable, string server)
    {
        var value = Environment.GetEnvironmentVariable(variable);
        if (string.IsNullOrWhiteSpace(value))
        {
            Assert.Fail(
                $"Test server missing: {server}. The environment variable {variable} is not set. " +
                "Run the tests with ./test.sh, which starts the servers and exports their addresses.");
        }

        return value;
    }
}
