namespace ResetTrail.Core.Cases;

/// <summary>How the request reached the desk. Wire names: phone, chat, walk_in, portal, vendor_line.</summary>
public enum Channel
{
    Phone,
    Chat,
    WalkIn,
    Portal,
    VendorLine,
}
