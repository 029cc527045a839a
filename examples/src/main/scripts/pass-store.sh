#!/bin/sh
# The command-store adapter over pass(1), the standard Unix password manager (GPG-encrypted files):
#   EXAMPLE_STORE_COMMAND=/path/to/pass-store.sh entra-auth-cli --store command-store ...
# Called as: pass-store.sh get|put|delete|list KEY. Values travel base64-encoded on stdin/stdout, never on a
# command line; exit code 3 means "no such entry". Entries live under entra-auth-cli/ in the password store.
set -eu
store="${PASSWORD_STORE_DIR:-$HOME/.password-store}"
operation="$1"
key="$2"
entry="entra-auth-cli/$key"
case "$operation" in
    get)
        [ -f "$store/$entry.gpg" ] || exit 3
        pass show "$entry" | base64 -d
        ;;
    put)
        base64 -w0 | pass insert --multiline --force "$entry" > /dev/null
        ;;
    delete)
        [ -f "$store/$entry.gpg" ] || exit 3
        pass rm --force "$entry" > /dev/null
        ;;
    list)
        [ -d "$store/entra-auth-cli/$key" ] || exit 0
        for file in "$store/entra-auth-cli/$key"/*.gpg; do
            [ -e "$file" ] || continue
            kind="$(basename "$file" .gpg)"
            echo "$key/$kind"
        done
        ;;
    *)
        echo "usage: $0 get|put|delete|list KEY" >&2
        exit 2
        ;;
esac
