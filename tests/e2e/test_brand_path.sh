#!/usr/bin/env bash
# test_brand_path.sh — where brand packs are found by name: $XDG_DATA_HOME/phasedoc/brands,
# then /etc/phasedoc/brands, then the data folder's templates/brands (first match wins);
# phasedoc brand --path and --list show it.
source "$(dirname "$0")/lib.sh"
REF=$ROOT/samples/reference.xml
export XDG_DATA_HOME=$TMP/xdg
user=$XDG_DATA_HOME/phasedoc/brands

expect_exit 0 "brand --path" "$PHASEDOC" brand --path
check "--path: the user's folder first" bash -c "head -1 '$TMP/out' | grep -qx '$user'"
check "--path: then /etc/phasedoc/brands" bash -c "sed -n 2p '$TMP/out' | grep -qx /etc/phasedoc/brands"
check "--path: then the data folder's templates/brands" bash -c "sed -n 3p '$TMP/out' | grep -q '/templates/brands$'"
env -u XDG_DATA_HOME HOME="$TMP/home" "$PHASEDOC" brand --path > "$TMP/home.txt" 2>&1
check "--path without XDG_DATA_HOME: ~/.local/share/phasedoc/brands" grep -qx "$TMP/home/.local/share/phasedoc/brands" "$TMP/home.txt"

# a pack of the user's, found by name, extending the built-in default
mkdir -p "$user/mine"
cat > "$user/mine/brand.xml" <<'X'
<?xml version="1.0" encoding="UTF-8"?>
<brand xmlns="urn:phasedoc:brand:1" name="mine" extends="default">
  <set key="company.name" value="Mine and Partners"/>
</brand>
X
expect_exit 0 "brand --list" "$PHASEDOC" brand --list
check "--list shows the user's pack with its folder" grep -qP "^mine\t$user/mine$" "$TMP/out"
check "--list shows the built-in default" grep -qP '^default\t/.*/templates/brands/default$' "$TMP/out"
expect_exit 0 "render -b mine" "$PHASEDOC" render "$REF" -k approval -b mine -o "$TMP/mine.pdf"
check "the user's pack is used by name" has_text "$TMP/mine.pdf" "Mine and Partners"

# a user's pack named default replaces the built-in one (and may still not extend itself)
mkdir -p "$user/default"
sed 's/name="mine" extends="default"/name="default"/; s/Mine and Partners/My Own Default/' \
    "$user/mine/brand.xml" > "$user/default/brand.xml"
expect_exit 0 "brand with a user's default" "$PHASEDOC" brand
check "a user's default pack wins over the built-in one" grep -qE "^company\.name +My Own Default +pack default \($user/default/brand\.xml:[0-9]+\)$" "$TMP/out"
expect_exit 0 "brand --list with a user's default" "$PHASEDOC" brand --list
check "--list shows default once, from the user's folder" bash -c "test \$(grep -c '^default' '$TMP/out') = 1 && grep -qP '^default\t$user/default$' '$TMP/out'"
rm -rf "$user/default"

expect_exit 2 "an unknown pack name" "$PHASEDOC" render "$REF" -k approval -b nowhere -o "$TMP/none.pdf"
check "the message names every folder searched" grep -qF "no nowhere/brand.xml in $user, /etc/phasedoc/brands, " "$TMP/err"
finish
