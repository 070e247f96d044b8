namespace GhostRoll.Appliance.Cards;

/// <summary>A card could not be opened or read; the message says what happened and what to do.</summary>
public sealed class CardException : Exception
{
    public CardException(string message) : base(message)
    {
    }

    public CardException(string message, Exception inner) : base(message, inner)
    {
    }

    public CardException() : base("the card could not be read")
    {
    }

    /// <summary>True when the card (or its device) went away rather than being unreadable.</summary>
    public bool CardGone { get; init; }
}
