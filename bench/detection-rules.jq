# Figure 10's jq peer: the ten detection rules of docs/design/detection.md that jq can express (each looks at one
# event, no state), over Okta System Log NDJSON. One output object per match: rule, event id, subject.
# Run: jq -c -f bench/detection-rules.jq okta.ndjson
(.eventType // "") as $t
| (.actor.alternateId // "") as $actor
| (([.target[]? | select(.type == "User")][0] // .target[0]?) // .actor) as $tgt
| ($tgt.alternateId // "") as $target
| (.outcome.result // "SUCCESS") as $result
| ($result == "SUCCESS" or $result == "ALLOW") as $ok
| def hit($rule): {rule: $rule, id: .uuid, subject: ($target | ascii_downcase)};
  # RT-D001 Okta support reset a credential
  (select(($t == "user.account.reset_password" or $t == "user.mfa.factor.update" or $t == "system.mfa.factor.deactivate" or $t == "user.mfa.attempt_bypass")
          and ($actor | ascii_downcase) == "system@okta.com" and .transaction.id == "unknown") | hit("RT-D001")),
  # RT-D002 Okta support access granted
  (select($t == "user.session.impersonation.grant" or $t == "user.session.impersonation.initiate") | hit("RT-D002")),
  # RT-D010 New MFA method registered
  (select(($t == "user.mfa.factor.activate" or $t == "user.mfa.factor.update") and $ok) | hit("RT-D010")),
  # RT-D011 MFA removed or disabled
  (select(($t == "user.mfa.factor.deactivate" or $t == "user.mfa.factor.reset_all" or $t == "system.mfa.factor.deactivate") and $ok) | hit("RT-D011")),
  # RT-D013 Super admin password reset
  (select($t == "security.protected_action.attempt" and (($tgt.displayName // "") | ascii_downcase) == "reset passwords for super admins") | hit("RT-D013")),
  # RT-D014 Failed identity verification
  (select($t == "user.identity_verification" and ($ok | not)) | hit("RT-D014")),
  # RT-D015 Password reset of another user
  (select($t == "user.account.reset_password" and $ok and $actor != "" and ($actor | ascii_downcase) != ($target | ascii_downcase)) | hit("RT-D015")),
  # RT-D018 Okta 2023 support-system breach indicator
  (select($t == "user.lifecycle.create" and ($target | ascii_downcase | contains("svc_network_backup"))) | hit("RT-D018")),
  # RT-D023 Admin role granted
  (select(($t == "user.account.privilege.grant" or $t == "group.privilege.grant") and $ok) | hit("RT-D023")),
  # RT-D026 Account locked out
  (select($t == "user.account.lock" or $t == "user.account.lock.limit") | hit("RT-D026"))
