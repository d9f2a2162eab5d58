namespace ResetTrail.Core.Policy;

/// <summary>Stable codes for policy file problems (RT-27xx; the workflow uses 20xx-26xx). Never renumbered; new ones are added at the end.</summary>
public static class PolicyProblemCodes
{
    /// <summary>The file is too large or not UTF-8.</summary>
    public const string File = "RT-2701";

    /// <summary>The text is not valid YAML.</summary>
    public const string Syntax = "RT-2702";

    /// <summary>A YAML feature a policy file may not use: aliases, anchors, tags, several documents.</summary>
    public const string YamlFeature = "RT-2703";

    /// <summary>A key the format does not have: a typo must not silently drop a requirement.</summary>
    public const string UnknownKey = "RT-2704";

    /// <summary>A required field is missing.</summary>
    public const string Missing = "RT-2705";

    /// <summary>A value of the wrong shape or out of range.</summary>
    public const string Invalid = "RT-2706";

    /// <summary>A name the policy or the format does not define (a method, a site, an authority).</summary>
    public const string UnknownName = "RT-2707";

    /// <summary>The same key, id or entry twice.</summary>
    public const string Duplicate = "RT-2708";

    /// <summary>Warning: a rule that can never match, because earlier rules take every request it matches.</summary>
    public const string Unreachable = "RT-2709";

    /// <summary>Warning: requests no rule matches; they are denied.</summary>
    public const string Uncovered = "RT-2710";

    /// <summary>The structure of the file is wrong (a list where a map belongs, an empty file).</summary>
    public const string Structure = "RT-2711";

    /// <summary>Warning: an accepted method is weaker than the rule's minimum strength and can never satisfy it.</summary>
    public const string WeakMethod = "RT-2712";

    /// <summary>Warning: the cooling-off outlasts the approvals' validity, so an approved case can never be executed.</summary>
    public const string NeverExecutable = "RT-2713";
}
