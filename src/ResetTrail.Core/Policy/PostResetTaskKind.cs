namespace ResetTrail.Core.Policy;

/// <summary>What must happen after a reset. Wire names: revoke_sessions, reenrol_factors, rotate_recovery_codes, notify_user, notify_manager, follow_up.</summary>
public enum PostResetTaskKind
{
    RevokeSessions,
    ReenrolFactors,
    RotateRecoveryCodes,
    NotifyUser,
    NotifyManager,

    /// <summary>The follow-up window: the account's sign-ins are checked against what was expected until it ends.</summary>
    FollowUp,
}
