package io.buzon.console.web;

import io.quarkus.qute.i18n.MessageBundle;

/**
 * The console's texts, read in templates as {@code msg:key}. English lives in
 * {@code messages/msg_en.properties}, Spanish in {@code msg_es.properties}; the build fails when a
 * template uses a key missing here. Generated from msg_en.properties by .gen-messages.py.
 */
@MessageBundle(value = "msg", locale = "en")
public interface ConsoleMessages {

    String nav_menu();

    String nav_dashboard();

    String nav_domains();

    String nav_accounts();

    String nav_policy();

    String nav_retention();

    String nav_sessions();

    String nav_audit();

    String nav_admins();

    String nav_tokens();

    String nav_profile();

    String nav_logout();

    String login_title();

    String login_username();

    String login_password();

    String login_submit();

    String login_failed();

    String login_throttled();

    String login_totpFailed();

    String login_totpReplayed();

    String totp_title();

    String totp_prompt();

    String totp_code();

    String totp_submit();

    String error_back();

    String error_incident(String incident);

    String error_csrf();

    String error_forbidden();

    String error_unauthorized();

    String error_notFound();

    String error_method();

    String error_badRequest();

    String error_unexpected();






    String action_save();

    String action_create();

    String action_delete();

    String action_deleteConfirm();

    String action_enable();

    String action_disable();

    String action_cancel();

    String state_disabled();

    String state_enabled();

    String done_password();

    String done_totpOn();

    String done_totpOff();

    String done_adminCreated();

    String done_saved();

    String done_deleted();

    String done_tokenCreated();

    String done_tokenRevoked();

    String profile_lastLogin();

    String profile_changePassword();

    String profile_currentPassword();

    String profile_newPassword();

    String profile_confirmPassword();

    String profile_totpScan();

    String profile_totpConfirm();

    String profile_totpOn();

    String profile_totpOff();

    String profile_totpWhy();

    String profile_totpEnable();

    String profile_totpDisable();

    String admins_role();

    String admins_roleSuper();

    String admins_roleDomain();

    String admins_domains();

    String admins_new();

    String admins_deleteConfirm(String name);

    String tokens_showOnce();

    String tokens_usage();

    String tokens_name();

    String tokens_prefix();

    String tokens_createdBy();

    String tokens_created();

    String tokens_lastUsed();

    String tokens_revoke();

    String tokens_revoked();

    String tokens_none();

    String tokens_new();

    String error_password_confirm();

    String error_admin_self();


    String dash_sessions();

    String dash_messages();

    String dash_delivered();

    String dash_storage();

    String dash_of();

    String dash_ofUnlimited();

    String dash_logins();

    String dash_loginsOk();

    String dash_loginsFailed();

    String dash_loginsNote();

    String quota_unlimited();

    String domains_name();

    String domains_defaultQuota();

    String domains_defaultMessages();

    String domains_state();

    String domains_none();

    String domains_new();

    String domains_showAccounts();

    String domains_disableNote();

    String domains_delete();

    String domains_deleteWill(String accounts, String messages, String size);

    String domains_deleteType(String name);

    String done_domainCreated();

    String error_store();

    String error_quota_size();

    String error_quota_messages();

    String error_domain_confirm();

    String pw_tooShort(String min);

    String pw_tooLong(String max);

    String pw_needsUpper(String min);

    String pw_needsLower(String min);

    String pw_needsDigit(String min);

    String pw_needsSymbol(String min);

    String pw_containsLogin();

    String pw_control();

    String pw_tooWeak(String score, String required);

    String pw_common();

    String pw_reused(String count);

    String pw_ok();

    String pw_strength();

    String accounts_allDomains();

    String accounts_search();

    String accounts_searchHint();

    String accounts_anyState();

    String accounts_filter();

    String accounts_found(String count);

    String accounts_login();

    String accounts_name();

    String accounts_usage();

    String accounts_created();

    String accounts_none();

    String accounts_new();

    String accounts_quota();

    String accounts_domainDefault();

    String accounts_locked();

    String accounts_unlock();

    String accounts_resetPassword();

    String accounts_messages();

    String accounts_delete();

    String accounts_deleteWill(String messages, String size);

    String messages_from();

    String messages_subject();

    String messages_size();

    String messages_received();

    String messages_retrieved();

    String messages_delete();

    String messages_none();

    String pager_previous();

    String pager_next();

    String pager_of(String page, String pages);

    String done_accountCreated();

    String done_unlocked();

    String done_messageDeleted();

    String error_password_policy();

    String error_account_confirm();

    String sessions_address();

    String sessions_since();

    String sessions_bytes();

    String sessions_replica();

    String sessions_plain();

    String sessions_end();

    String sessions_ending();

    String sessions_none();

    String done_sessionEnding();

    String done_sessionGone();

    String audit_actor();

    String audit_action();

    String audit_target();

    String audit_from();

    String audit_to();

    String audit_when();

    String audit_detail();

    String audit_none();

    String audit_badDate();

    String policy_global();

    String policy_scope();

    String policy_rules();

    String policy_inheritNote();

    String policy_minLength();

    String policy_maxLength();

    String policy_minStrength();

    String policy_minUpper();

    String policy_minLower();

    String policy_minDigits();

    String policy_minSymbols();

    String policy_rejectCommon();

    String policy_rejectLogin();

    String policy_history();

    String policy_inherit();

    String policy_yes();

    String policy_no();

    String policy_expiryLockout();

    String policy_maxAge();

    String policy_lockoutThreshold();

    String policy_lockoutWindow();

    String policy_lockoutDuration();

    String policy_clear();

    String policy_test();

    String policy_testButton();

    String error_policy_number();

    String error_policy_inconsistent();

    String error_policy_choice();

    String policy_twoFactor();

    String policy_requireTwoFactor();

    String policy_requireTwoFactorNote();

    String retention_note();

    String retention_afterRetrieval();

    String retention_olderThan();

    String retention_loginDelay();

    String retention_domainOrAccount();

    String retention_previewRun();

    String retention_preview();

    String retention_runNow();

    String retention_wouldDelete(String messages, String size, String accounts);

    String retention_deleted(String messages, String size);

    String retention_skipped(String count);

    String retention_history();

    String retention_noRuns();

    String done_retentionRun();

    String error_retention_number();

    String me_title();

    String me_loginTitle();

    String me_loginNote();

    String me_address();

    String me_failed();

    String me_disabled();

    String me_totpOnNote();

    String me_totpWhy();

    String me_enrolmentRequired();

    String me_totpRequired();

    String me_appPasswords();

    String me_appPasswordsNote();

    String me_device();

    String done_appPasswordCreated();

    String done_appPasswordRevoked();

    String error_appPassword();

    String accounts_messageLimit();

    String nav_import();

    String import_note();

    String import_dovecot();

    String import_passwdFile();

    String import_maildirRoot();

    String import_maildirTemplate();

    String import_templateHelp();

    String import_createDomains();

    String import_start();

    String import_recent();

    String import_noJobs();

    String import_source();

    String import_imported();

    String import_skipped();

    String import_state_queued();

    String import_state_running();

    String import_state_done();

    String import_state_failed();

    String import_progress(String accountsDone, String accountsTotal, String imported, String skipped);

    String import_refreshing();

    String import_failed();

    String import_report();

    String import_summary(String messages, String size, String accounts, String skipped);

    String import_account();

    String import_password();

    String import_mailbox();

    String import_created();

    String import_existing();

    String import_pw_imported();

    String import_pw_kept();

    String import_pw_unsupported();

    String import_noAccounts();

    String import_skippedTitle();

    String import_origin();

    String import_reason();

    String import_nothingSkipped();

    String import_problems();

    String error_import_passwdFileMissing();

    String error_import_passwdFileUnreadable();

    String error_import_maildirRoot();

    String error_import_template();

    String error_admin_role();

    String error_admin_unknownDomain(String name);

    String error_totp_notStarted();

    String error_unavailable();
}
