namespace HaIngestor.Fuzz;

/// <summary>
/// One reader of untrusted bytes. <see cref="Run"/> must return for every input; an exception escaping it is a
/// finding (AFL++ records it as a crash). Expected rejections (a malformed frame, a corrupt dead-letter segment)
/// are part of the contract and handled inside.
/// </summary>
internal sealed record FuzzTarget(string Name, string Reads, Action<byte[]> Run, Func<IEnumerable<byte[]>> Seeds);
