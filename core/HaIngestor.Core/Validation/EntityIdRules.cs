namespace HaIngestor.Core.Validation;

/// <summary>
/// Entity ids are <c>domain.object_id</c>: exactly one dot, both parts non-empty, only ASCII lowercase letters,
/// digits and underscores, at most 255 bytes. Stricter than nothing, looser than Home Assistant's own rule (which
/// also forbids leading, trailing and double underscores): anything that could be injected is rejected.
/// </summary>
internal static class EntityIdRules
{
    public const int MaxLength = 255;

    public static bool IsValid(ReadOnlySpan<byte> entityId, out int dot)
    {
        dot = -1;
        if (entityId.IsEmpty || entityId.Length > MaxLength)
        {
            return false;
        }

        for (var i = 0; i < entityId.Length; i++)
        {
            var b = entityId[i];
            if (b == '.')
            {
                if (dot >= 0)
                {
                    return false;
                }

                dot = i;
            }
            else if (!((uint)(b - 'a') <= 'z' - 'a' || (uint)(b - '0') <= 9 || b == '_'))
            {
                return false;
            }
        }

        return dot > 0 && dot < entityId.Length - 1;
    }
}
