using HaIngestor.Core.Parsing;

namespace HaIngestor.Core.Pipeline;

/// <summary>The message bytes and a scratch buffer to unescape strings into.</summary>
internal readonly ref struct EventSource
{
    private readonly PipelineScratch _scratch;

    public EventSource(ReadOnlySpan<byte> message, PipelineScratch scratch)
    {
        Message = message;
        _scratch = scratch;
    }

    public ReadOnlySpan<byte> Message { get; }

    /// <summary>The unescaped text of a string slice; valid until the next call (it may share the scratch buffer).</summary>
    public ReadOnlySpan<byte> Text(in JsonSlice slice)
        => slice.Escaped ? slice.Text(Message, _scratch.Buffer(slice.Length)) : Message.Slice(slice.Start, slice.Length);

    /// <summary>Like <see cref="Text"/> but unescapes into the key buffer, so it survives one <see cref="Text"/> call.</summary>
    public ReadOnlySpan<byte> KeyText(in JsonSlice slice)
        => slice.Escaped ? slice.Text(Message, _scratch.KeyBuffer(slice.Length)) : Message.Slice(slice.Start, slice.Length);

    /// <summary><paramref name="key"/> followed by <paramref name="suffix"/>, in the compose buffer.</summary>
    public ReadOnlySpan<byte> Compose(ReadOnlySpan<byte> key, ReadOnlySpan<byte> suffix)
    {
        var buffer = _scratch.ComposeBuffer(key.Length + suffix.Length);
        key.CopyTo(buffer);
        suffix.CopyTo(buffer[key.Length..]);
        return buffer[..(key.Length + suffix.Length)];
    }

    /// <summary>The JSON text of a value: strings with their quotes, containers and literals as they are.</summary>
    public ReadOnlySpan<byte> Json(in JsonSlice slice)
        => slice.IsString ? Message.Slice(slice.Start - 1, slice.Length + 2) : Message.Slice(slice.Start, slice.Length);

    /// <summary>The raw JSON text of a slice (strings without their quotes, still escaped).</summary>
    public ReadOnlySpan<byte> Raw(in JsonSlice slice) => Message.Slice(slice.Start, slice.Length);

    public bool TextEquals(in JsonSlice slice, ReadOnlySpan<byte> expected)
        => slice.IsString && (slice.Escaped ? Text(slice).SequenceEqual(expected) : Raw(slice).SequenceEqual(expected));
}
