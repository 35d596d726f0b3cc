"""The django-allauth strings on our sign-in, sign-out and password-reset pages, so that
`makemessages` extracts them into our own catalogues.

django-allauth ships a bokmål (nb) catalogue but no nynorsk (nn) one, and Django reads
only django.po/django.mo per language, so nynorsk translations of allauth's texts must
live in our own locale/nn/LC_MESSAGES/django.po. Entries added there by hand would be
dropped by the next `makemessages --no-obsolete`; listing the msgids here with
gettext_noop keeps them in the catalogue. Each string must be allauth's msgid exactly
(see allauth/locale/nb/LC_MESSAGES/django.po and the templates named below), or the
translation is never looked up. Our catalogue comes before allauth's, so the nb entries
copy allauth's own bokmål (adjusted where ours reads better).

Nothing imports this module at run time: it exists only to be read by makemessages.
When allauth is upgraded, check that these msgids still exist in its catalogue.
"""

from django.utils.translation import gettext_noop

ALLAUTH_STRINGS = (
    # account/login.html, mfa/authenticate.html, account/forms.py (LoginForm), account/fields.py
    gettext_noop("Sign In"),
    gettext_noop("If you have not created an account yet, then please %(link)ssign up%(end_link)s first."),
    gettext_noop("Email"),
    gettext_noop("Email address"),
    gettext_noop("Password"),
    gettext_noop("Remember Me"),
    gettext_noop("Forgot your password?"),
    # account/adapter.py: errors when signing in
    gettext_noop("The email address and/or password you specified are not correct."),
    gettext_noop("Too many failed login attempts. Try again later."),
    gettext_noop("This account is currently inactive."),
    gettext_noop("Invalid login."),
    gettext_noop("Be patient, you are sending too many requests."),
    # account/messages/*.txt
    gettext_noop("Successfully signed in as %(name)s."),
    gettext_noop("You have signed out."),
    gettext_noop("Password successfully changed."),
    # account/snippets/already_logged_in.html
    gettext_noop("You are already logged in as %(user_display)s."),
    # mfa/authenticate.html, mfa/base/forms.py
    gettext_noop("Two-Factor Authentication"),
    gettext_noop("Your account is protected by two-factor authentication. Please enter an authenticator code:"),
    gettext_noop("Code"),
    gettext_noop("Incorrect code."),
    # account/logout.html
    gettext_noop("Sign Out"),
    gettext_noop("Are you sure you want to sign out?"),
    # account/password_reset.html, password_reset_done.html
    gettext_noop("Password Reset"),
    gettext_noop(
        "Forgotten your password? Enter your email address below, and we'll send you an email allowing you to reset it."
    ),
    gettext_noop("Reset My Password"),
    gettext_noop("Please contact us if you have any trouble resetting your password."),
    gettext_noop(
        "We have sent you an email. If you have not received it please check your spam folder. "
        "Otherwise contact us if you do not receive it in a few minutes."
    ),
    # account/password_reset_from_key.html, password_reset_from_key_done.html, ResetPasswordKeyForm
    gettext_noop("Change Password"),
    gettext_noop("Bad Token"),
    gettext_noop(
        "The password reset link was invalid, possibly because it has already been used.  "
        'Please request a <a href="%(passwd_reset_url)s">new password reset</a>.'
    ),
    gettext_noop("New Password"),
    gettext_noop("New Password (again)"),
    gettext_noop("You must type the same password each time."),
    gettext_noop("The password reset token was invalid."),
    gettext_noop("Your password is now changed."),
    # account/email/password_reset_key_*.txt, unknown_account_*.txt, base_message.txt
    gettext_noop("Password Reset Email"),
    gettext_noop(
        "You're receiving this email because you or someone else has requested a password reset for your user "
        "account.\nIt can be safely ignored if you did not request a password reset. Click the link below to reset "
        "your password."
    ),
    gettext_noop("In case you forgot, your username is %(username)s."),
    gettext_noop("Unknown Account"),
    gettext_noop(
        "You are receiving this email because you, or someone else, tried to access an account with email "
        "%(email)s. However, we do not have any record of such an account in our database."
    ),
    gettext_noop("This mail can be safely ignored if you did not initiate this action."),
    gettext_noop("If it was you, you can sign up for an account using the link below."),
    gettext_noop("Hello from %(site_name)s!"),
    gettext_noop("Thank you for using %(site_name)s!\n%(site_domain)s"),
    # account/signup_closed.html (the sign-up link on the login page leads there)
    gettext_noop("Sign Up Closed"),
    gettext_noop("We are sorry, but the sign up is currently closed."),
)
