using System.Text;
using CsCheck;
using HaIngestor.Core.Serialization;

namespace HaIngestor.Core.Tests.Serialization;

/// <summary>
/// Properties of the line-protocol writer, checked with CsCheck over generated points: whatever measurement, tags
/// and fields it accepts come back identical through the independent <see cref="LineProtocolParser"/>, and nothing
/// it writes splits into two points. String field values keep every character except line feed and carriage
/// return, which are written as the two-character sequences \n and \r (docs/SCHEMA.md), as InfluxDB then reads them.
/// </summary>
public sealed class LineProtocolWriterPropertyTests
{
    private static readonly DateTimeOffset Time = new(2026, 12, 1, 12, 0, 0, 123, TimeSpan.Zero);

    // Pieces names are made of: the delimiters line protocol escapes, quotes, and text beyond ASCII. Not in names:
    // backslash, control characters and a leading '#', which the writer deliberately rewrites (tested on their own
    // in LineProtocolWriterTests).
    private static readonly string[] NamePieces = ["a", "Z", "7", "_", "-", ".", " ", ",", "=", "\"", "'", "é", "ß", "中", "🙂", "\u2028", "temp"];

    // String values: everything, control characters and lone line breaks included.
    private static readonly string[] ValuePieces = [.. NamePieces, "\\", "\\\\", "\t", "\n", "\r", "\r\n", "\0", "\u0085", "\\n", "\"\"", "\u2029"];

    private static readonly Gen<string> Name = Gen.OneOf(NamePieces).Array[1, 8]
        .Select(pieces => string.Concat(pieces))
        .Where(name => name != "time" && name[0] != '#');

    private static readonly Gen<string> StringValue = Gen.OneOf(ValuePieces).Array[0, 12].Select(pieces => string.Concat(pieces));

    private static readonly Gen<object> FieldValue = Gen.OneOf<object>(
        StringValue.Select(value => (object)value),
        Gen.Double.Where(double.IsFinite).Select(value => (object)value),
        Gen.Long.Select(value => (object)value),
        Gen.Bool.Select(value => (object)value));

    private static readonly Gen<Point> Points =
        from measurement in Name
        from tags in Gen.Select(Name, Name).Array[0, 5]
        from fields in Gen.Select(Name, FieldValue).Array[1, 5]
        select new Point(
            measurement,
            tags.DistinctBy(tag => tag.Item1).ToDictionary(tag => tag.Item1, tag => tag.Item2, StringComparer.Ordinal),
            fields.DistinctBy(field => field.Item1).ToDictionary(field => field.Item1, field => field.Item2, StringComparer.Ordinal));

    [Fact]
    public void Write_AnyAcceptedPoint_ReadsBackIdentical()
    {
        Points.Sample(point =>
        {
            using var writer = new LineProtocolWriter();
            Write(writer, point);

            var parsed = Assert.Single(LineProtocolParser.Parse(Encoding.UTF8.GetString(writer.WrittenSpan)));

            Assert.Equal(point.Measurement, parsed.Measurement);
            Assert.Equal(point.Tags.OrderBy(tag => tag.Key, StringComparer.Ordinal), parsed.Tags.OrderBy(tag => tag.Key, StringComparer.Ordinal));
            Assert.Equal(point.Fields.Count, parsed.Fields.Count);
            foreach (var (key, value) in point.Fields)
            {
                Assert.Equal(Expected(value), parsed.Fields[key]);
            }

            Assert.Equal(LineProtocolWriter.ToEpoch(Time, writer.Precision), parsed.Timestamp);
        }, iter: 3000);
    }

    [Fact]
    public void Write_ManyPoints_NeverSplitsOne()
    {
        Points.Array[1, 20].Sample(points =>
        {
            using var writer = new LineProtocolWriter();
            foreach (var point in points)
            {
                Write(writer, point);
            }

            var text = Encoding.UTF8.GetString(writer.WrittenSpan);

            Assert.Equal(points.Length, writer.LineCount);
            Assert.Equal(points.Length, LineProtocolParser.Parse(text).Count);
            Assert.DoesNotContain('\r', text);
        }, iter: 500);
    }

    private static void Write(LineProtocolWriter writer, Point point)
    {
        writer.BeginLine(point.Measurement);
        foreach (var (key, value) in point.Tags)
        {
            writer.Tag(key, value);
        }

        foreach (var (key, value) in point.Fields)
        {
            var keyUtf8 = Encoding.UTF8.GetBytes(key);
            switch (value)
            {
                case string text:
                    writer.Field(key, text);
                    break;
                case double number:
                    writer.Field(keyUtf8, number);
                    break;
                case long integer:
                    writer.Field(keyUtf8, integer);
                    break;
                case bool flag:
                    writer.Field(keyUtf8, flag);
                    break;
            }
        }

        Assert.True(writer.EndLine(Time));
    }

    /// <summary>What InfluxDB reads back for a written value.</summary>
    private static object Expected(object value) => value is string text
        ? text.Replace("\r", "\\r", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal)
        : value;

    private sealed record Point(string Measurement, Dictionary<string, string> Tags, Dictionary<string, object> Fields);
}
