using System.Text;
using HaIngestor.Core.Pipeline;
using HaIngestor.Core.Serialization;
using HaIngestor.Core.Tests.TestData;
using HaIngestor.TestUtilities;

namespace HaIngestor.Core.Tests.Pipeline;

/// <summary>
/// Mutated messages through the whole pipeline, in both schemas: it never throws, writes only whole lines, writes
/// the same lines whichever buffer position a message starts at (the vectorized reading and escaping must not depend
/// on what lies around the message), and the real InfluxDB accepts every line, with no field type conflict.
/// </summary>
public sealed class EventPipelineFuzzTests
{
    [Theory]
    [InlineData(PointSchema.Default)]
    [InlineData(PointSchema.HomeAssistant)]
    public async Task Process_MutatedMessages_NeverThrowsAndWritesWholeLinesInfluxDbAccepts(PointSchema schema)
    {
        var all = new List<byte[]>();
        var pipeline = new EventPipeline(new PipelineOptions { Schema = schema });
        using var writer = new LineProtocolWriter();
        using var shifted = new LineProtocolWriter();
        var random = new Random(1128);
        var sources = HostileEvents.All().Where(m => m.Length < 5_000).ToArray();
        var written = 0;
        for (var n = 0; n < 5_000; n++)
        {
            var source = sources[random.Next(sources.Length)];
            var message = Mutations.Mutate(source, random);
            var bytes = Encoding.UTF8.GetBytes(message);

            writer.Clear();
            var result = pipeline.Process(bytes, writer);

            // Whole lines only: each ends with a newline (string fields may hold raw ones, so they are not counted).
            Assert.Equal(result.Lines, writer.LineCount);
            Assert.True(result.Lines == 0 ? writer.WrittenCount == 0 : writer.WrittenSpan[^1] == (byte)'\n');
            for (var line = 0; line < writer.LineCount; line++)
            {
                Assert.False(writer.GetLine(line).IsEmpty);
            }

            written += result.Lines;
            if (result.Lines > 0)
            {
                all.Add(writer.WrittenSpan.ToArray());
            }

            // The same message at another offset of a larger buffer, with bytes that need escaping around it.
            var padded = new byte[bytes.Length + 70];
            padded.AsSpan().Fill((byte)'"');
            var offset = random.Next(1, 40);
            bytes.CopyTo(padded, offset);
            shifted.Clear();
            var again = pipeline.Process(padded.AsSpan(offset, bytes.Length), shifted);
            Assert.Equal(result, again);
            Assert.True(writer.WrittenSpan.SequenceEqual(shifted.WrittenSpan), message);
        }

        Assert.True(written > 1_000, $"{written} lines written");
        await using var database = await InfluxDbTestDatabase.CreateAsync("core_fuzz");
        foreach (var chunk in all.Chunk(500))
        {
            var response = await database.WriteAsync(chunk.SelectMany(lines => lines).ToArray());
            Assert.True(response.IsSuccess, $"{response.StatusCode}: {response.Body}");
        }
    }
}
