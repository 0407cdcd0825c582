using System.Text;
using HaIngestor.Core.Mapping;
using HaIngestor.Core.Pipeline;

namespace HaIngestor.Core.Tests.Mapping;

public sealed class AttributeAllowlistTests
{
    private static AttributeAllowlist CreateSut(params string[] names) => new(names);

    [Fact]
    public void IndexOf_EveryDefaultName_FoundWithItsFieldKey()
    {
        var names = new PipelineOptions().NumericAttributeAllowlist;
        var sut = CreateSut([.. names]);

        foreach (var name in names)
        {
            var index = sut.IndexOf(Encoding.UTF8.GetBytes(name));

            Assert.True(index >= 0, name);
            Assert.Equal("attr_" + name, Encoding.UTF8.GetString(sut.FieldKey(index)));
        }
    }

    [Theory]
    [InlineData("")]
    [InlineData("c")]
    [InlineData("temperaturf")]
    [InlineData("Temperature")]
    [InlineData("temperature_")]
    [InlineData("supported_features")]
    [InlineData("a_name_longer_than_every_allowed_name")]
    public void IndexOf_OtherNames_MinusOne(string name)
    {
        var sut = CreateSut([.. new PipelineOptions().NumericAttributeAllowlist]);

        Assert.Equal(-1, sut.IndexOf(Encoding.UTF8.GetBytes(name)));
    }

    [Fact]
    public void IndexOf_SameLengthNames_EachItsOwnIndex()
    {
        var sut = CreateSut("abc", "abd", "xbc", "abc", "", "é");

        Assert.Equal(4, sut.Count);
        Assert.Equal(0, sut.IndexOf("abc"u8));
        Assert.Equal(1, sut.IndexOf("abd"u8));
        Assert.Equal(2, sut.IndexOf("xbc"u8));
        Assert.Equal(3, sut.IndexOf("é"u8));
        Assert.Equal(-1, sut.IndexOf("abe"u8));
    }

    [Fact]
    public void IndexOf_EmptyList_MinusOne()
    {
        var sut = CreateSut();

        Assert.Equal(0, sut.Count);
        Assert.Equal(-1, sut.IndexOf("temperature"u8));
        Assert.Equal(-1, sut.IndexOf(""u8));
    }
}
