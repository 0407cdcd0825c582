using System.Text;
using HaIngestor.Core.Parsing;

namespace HaIngestor.Core.Tests.Parsing;

public sealed class SurrogateEscapesTests
{
    [Theory]
    [InlineData("""{"a":"\ud800"}""")]
    [InlineData("""{"a":"\udc00"}""")]
    [InlineData("""{"a":"x\uD83D"}""")]
    [InlineData("""{"\ud83d\ud83d\ude00":1}""")]
    [InlineData("""{"a":"\ude00\ud83d"}""")]
    [InlineData("""{"a":"\ud83d\n"}""")]
    [InlineData("""{"a":"\ud83d\u0041"}""")]
    [InlineData("""{"a":["\\\ud800"]}""")]
    public void HasLone_UnpairedSurrogateEscape_True(string json) =>
        Assert.True(SurrogateEscapes.HasLone(Encoding.UTF8.GetBytes(json)));

    [Theory]
    [InlineData("""{"a":"plain"}""")]
    [InlineData("""{"a":"\ud83d\ude00 pair"}""")]
    [InlineData("""{"a":"\uD834\uDD1E"}""")]
    [InlineData("""{"a":"\\ud800 is text after an escaped backslash"}""")]
    [InlineData("""{"a":"\u00e9\n\"\\","b":"🏠"}""")]
    [InlineData("""{"a":"\ufffd\u2028"}""")]
    public void HasLone_NoUnpairedSurrogateEscape_False(string json) =>
        Assert.False(SurrogateEscapes.HasLone(Encoding.UTF8.GetBytes(json)));
}
