namespace HaIngestor.Core.Parsing;

/// <summary>
/// What recognising a restart duplicate needs of a <c>state_changed</c> message, read in the frame reader's pass:
/// whether <c>old_state</c> is null and where <c>new_state</c>'s raw <c>state</c> and <c>attributes</c> sit in it.
/// </summary>
/// <param name="OldStateNull">True when <c>old_state</c> is null (an entity added, or set afresh by a restart).</param>
/// <param name="NewStateRemoved">True when <c>new_state</c> is not an object (the entity was removed).</param>
/// <param name="State">The raw <c>new_state.state</c> value in the message, quotes included.</param>
/// <param name="Attributes">The raw <c>new_state.attributes</c> value in the message; empty when absent.</param>
public readonly record struct StateChangeShape(bool OldStateNull, bool NewStateRemoved, Range State, Range Attributes)
{
    /// <summary>The shape from the fields read; null unless both states were present and a new state has its state.</summary>
    internal static StateChangeShape? From(in EventHeader.HeaderFields fields, int messageStart)
    {
        if (!fields.SawOldState || !fields.SawNewState || (fields.NewStateIsObject && !fields.NewStateHasState))
        {
            return null;
        }

        if (!fields.NewStateIsObject)
        {
            return new StateChangeShape(fields.OldStateNull, NewStateRemoved: true, default, default);
        }

        var attributes = fields.Attributes.Equals(default(Range))
            ? new Range(0, 0)
            : new Range(fields.Attributes.Start.Value - messageStart, fields.Attributes.End.Value - messageStart);
        return new StateChangeShape(
            fields.OldStateNull,
            NewStateRemoved: false,
            new Range(fields.State.Start.Value - messageStart, fields.State.End.Value - messageStart),
            attributes);
    }
}
