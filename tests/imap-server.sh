#!/usr/bin/env bash
# Starts a throwaway Dovecot IMAP server (Debian dovecot-imapd) on 127.0.0.1:PORT, with its
# configuration, sockets and mailboxes under DIR: any user name logs in with the password
# "bounces-secret" and gets a mailbox of its own, so each test owns its mailbox. Stop it with
#   dovecot -c DIR/dovecot.conf stop
# Used by ./test and, when tests run alone, by tests/Collectif.Tests/ImapServer.cs.
set -euo pipefail
dir=$1 port=$2
mkdir -p "$dir/run" "$dir/mail"
chmod 755 "$dir" # the dovecot user reads the mailboxes below it
chown dovecot:dovecot "$dir/mail" 2>/dev/null || chmod 777 "$dir/mail"
cat >"$dir/dovecot.conf" <<CONF
base_dir = $dir/run
listen = 127.0.0.1
protocols = imap
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
log_path = $dir/log
mail_location = maildir:$dir/mail/%u
first_valid_uid = 1
passdb {
  driver = static
  args = password=bounces-secret
}
userdb {
  driver = static
  args = uid=dovecot gid=dovecot home=$dir/mail/%u
}
service imap-login {
  inet_listener imap {
    address = 127.0.0.1
    port = $port
  }
  inet_listener imaps {
    port = 0
  }
}
service stats {
  unix_listener stats-reader {
    mode = 0666
  }
  unix_listener stats-writer {
    mode = 0666
  }
}
CONF
/usr/sbin/dovecot -c "$dir/dovecot.conf"
for _ in $(seq 1 100); do (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && exit 0; sleep 0.1; done
echo "Dovecot did not start; see $dir/log" >&2
exit 1
