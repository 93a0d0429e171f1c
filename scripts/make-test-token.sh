#!/usr/bin/env bash
# Throw-away SoftHSM2 test token and test PKI, for tests, benchmarks and `npm run demo`. NOT for real use.
#
#   eval "$(scripts/make-test-token.sh DIR)"
#
# DIR gets its own token store (no global SoftHSM state is touched), the CAs and the certificates.
# Token "HocBa-Test" (user PIN 123456) holds, by CKA_LABEL (CKA_ID in brackets):
#   gvcn (01)          RSA-2048 generated ON the token: "Trần Thị Thu Hằng", giáo viên chủ nhiệm, CCCD
#   thu-truong (02)    RSA-2048 generated ON the token: "Nguyễn Văn Thắng", Giám đốc, CCCD
#   don-vi (03)        RSA-2048 generated ON the token: the centre's seal, MST
#   ec-gvcn (06)       EC P-256 generated ON the token: "Trần Thị Thu Hằng" again (ECDSA path)
#   het-han (04)       imported key, certificate valid 2023-01-01..2024-01-01 only (expired)
#   khong-tin-cay (05) imported key, certificate from a root that is NOT in the trust list
#   sai-muc-dich (07)  imported key, certificate allowing only keyEncipherment (not for signing)
#   int-ca (10)        the intermediate CA certificate (no key), as real tokens carry it
# Token "HocBa-Trong" (PIN 654321) is empty: a second token, to test choosing by label.
# Files in DIR: root.pem (trusted root), int.pem (intermediate), untrusted-root.pem, <label>.pem for
# each certificate, and mock/signer.{key,pem}: a software key + certificate from the same intermediate
# for the mocked PKCS#11 layer (lockout, removal), which SoftHSM cannot simulate.
set -euo pipefail
DIR=${1:?usage: make-test-token.sh DIR}
mkdir -p "$DIR"
DIR=$(cd "$DIR" && pwd)
cd "$DIR"
rm -rf tokens ca-db mock && mkdir -p tokens ca-db mock
MOD=${PKCS11_MODULE:-/usr/lib/softhsm/libsofthsm2.so}
LABEL=HocBa-Test
PIN=123456
SOPIN=12345678
export SOFTHSM2_CONF="$DIR/softhsm2.conf"
printf 'directories.tokendir = %s/tokens\nobjectstore.backend = file\nlog.level = ERROR\nslots.removable = false\n' "$DIR" >"$SOFTHSM2_CONF"

softhsm2-util --init-token --free --label "$LABEL" --pin "$PIN" --so-pin "$SOPIN" >/dev/null
softhsm2-util --init-token --free --label "HocBa-Trong" --pin 654321 --so-pin "$SOPIN" >/dev/null
p11() { pkcs11-tool --module "$MOD" --token-label "$LABEL" --login --pin "$PIN" "$@" >/dev/null 2>&1; }

cat >ext.cnf <<'X'
[root]
basicConstraints=critical,CA:TRUE
keyUsage=critical,keyCertSign,cRLSign
subjectKeyIdentifier=hash
[ca]
basicConstraints=critical,CA:TRUE
keyUsage=critical,keyCertSign,cRLSign
subjectKeyIdentifier=hash
authorityKeyIdentifier=keyid:always
[leaf]
basicConstraints=critical,CA:FALSE
keyUsage=critical,digitalSignature,nonRepudiation
subjectKeyIdentifier=hash
authorityKeyIdentifier=keyid:always
[encrypt]
basicConstraints=critical,CA:FALSE
keyUsage=critical,keyEncipherment
subjectKeyIdentifier=hash
authorityKeyIdentifier=keyid:always
X
# `openssl ca` is only used where a back-dated validity is needed (x509 -req cannot set dates).
cat >ca.cnf <<X
[ca]
default_ca=tca
[tca]
database=$DIR/ca-db/index.txt
serial=$DIR/ca-db/serial
new_certs_dir=$DIR/ca-db
default_md=sha256
policy=pany
unique_subject=no
copy_extensions=none
[pany]
commonName=supplied
X
: >ca-db/index.txt
echo 1000 >ca-db/serial

q() { "$@" >/dev/null 2>&1; }
# Root and intermediate valid from 2020, so that a certificate that expired in 2023 still has a
# valid issuer path (the "expired at signing time" case must not look like "untrusted").
q openssl req -new -newkey rsa:2048 -nodes -keyout root.key -out root.csr -utf8 \
  -subj "/C=VN/O=HocBa Test PKI/CN=HocBa Test Root CA"
q openssl ca -config ca.cnf -batch -notext -utf8 -preserveDN -selfsign -keyfile root.key -in root.csr \
  -out root.pem -startdate 20200101000000Z -enddate 20450101000000Z -extfile ext.cnf -extensions root
q openssl req -new -newkey rsa:2048 -nodes -keyout int.key -out int.csr -utf8 \
  -subj "/C=VN/O=HocBa Test PKI/CN=HocBa Test Issuing CA"
q openssl ca -config ca.cnf -batch -notext -utf8 -preserveDN -cert root.pem -keyfile root.key -in int.csr \
  -out int.pem -startdate 20200101000000Z -enddate 20440101000000Z -extfile ext.cnf -extensions ca
q openssl req -x509 -newkey rsa:2048 -nodes -keyout untrusted-root.key -out untrusted-root.pem -days 3650 \
  -sha256 -subj "/C=VN/O=Untrusted/CN=Untrusted Root CA" \
  -addext basicConstraints=critical,CA:TRUE -addext keyUsage=critical,keyCertSign,cRLSign \
  -addext subjectKeyIdentifier=hash

# Certificate for a key generated on the token: a throw-away CSR carries the subject, -force_pubkey
# puts the token's public key in the certificate.
on_token() { # id label keytype subject [ca-cert ca-key ext]
  local id=$1 label=$2 keytype=$3 subj=$4 ca=${5:-int.pem} cakey=${6:-int.key} ext=${7:-leaf}
  p11 --keypairgen --key-type "$keytype" --id "$id" --label "$label" --usage-sign
  pkcs11-tool --module "$MOD" --token-label "$LABEL" --read-object --type pubkey --id "$id" \
    -o "$label.pub.der" >/dev/null 2>&1
  openssl pkey -pubin -inform DER -in "$label.pub.der" -out "$label.pub.pem"
  q openssl req -new -newkey rsa:2048 -nodes -keyout /dev/null -out "$label.csr" -utf8 -subj "$subj"
  q openssl x509 -req -in "$label.csr" -CA "$ca" -CAkey "$cakey" -CAcreateserial -force_pubkey "$label.pub.pem" \
    -out "$label.pem" -days 730 -extfile ext.cnf -extensions "$ext" -sha256
  openssl x509 -in "$label.pem" -outform DER -out "$label.der"
  p11 --write-object "$label.der" --type cert --id "$id" --label "$label"
}
# Key made here, then imported (method B in stack-notes): for certificates `openssl ca` must date.
imported() { # id label subject ca-cert ca-key ext [startdate enddate]
  local id=$1 label=$2 subj=$3 ca=$4 cakey=$5 ext=$6 start=${7:-} end=${8:-}
  q openssl req -new -newkey rsa:2048 -nodes -keyout "$label.key" -out "$label.csr" -utf8 -subj "$subj"
  if [ -n "$start" ]; then
    q openssl ca -config ca.cnf -batch -notext -utf8 -preserveDN -cert "$ca" -keyfile "$cakey" \
      -in "$label.csr" -out "$label.pem" -startdate "$start" -enddate "$end" -extfile ext.cnf -extensions "$ext"
  else
    q openssl x509 -req -in "$label.csr" -CA "$ca" -CAkey "$cakey" -CAcreateserial -out "$label.pem" \
      -days 730 -extfile ext.cnf -extensions "$ext" -sha256
  fi
  openssl x509 -in "$label.pem" -outform DER -out "$label.der"
  openssl pkey -in "$label.key" -outform DER -out "$label.key.der"
  openssl pkey -in "$label.key" -pubout -outform DER -out "$label.pub.der"
  p11 --write-object "$label.key.der" --type privkey --id "$id" --label "$label" --usage-sign
  p11 --write-object "$label.pub.der" --type pubkey --id "$id" --label "$label"
  p11 --write-object "$label.der" --type cert --id "$id" --label "$label"
  rm -f "$label.key" "$label.key.der"
}

CENTRE="Trung tâm GDNN-GDTX Việt Trì"
on_token 01 gvcn rsa:2048 "/C=VN/ST=Phú Thọ/L=Thành phố Việt Trì/O=$CENTRE/title=Giáo viên/CN=Trần Thị Thu Hằng/serialNumber=CCCD:001190012345"
on_token 02 thu-truong rsa:2048 "/C=VN/ST=Phú Thọ/L=Thành phố Việt Trì/O=$CENTRE/title=Giám đốc/CN=Nguyễn Văn Thắng/serialNumber=CCCD:001078067890"
on_token 03 don-vi rsa:2048 "/C=VN/ST=Phú Thọ/L=Thành phố Việt Trì/O=$CENTRE/CN=$CENTRE/serialNumber=MST:0109876543"
on_token 06 ec-gvcn EC:prime256v1 "/C=VN/ST=Phú Thọ/O=$CENTRE/CN=Trần Thị Thu Hằng/serialNumber=CCCD:001190012345"
imported 04 het-han "/C=VN/O=$CENTRE/CN=Phạm Văn Cũ/serialNumber=CCCD:001080000001" int.pem int.key leaf \
  20230101000000Z 20240101000000Z
imported 05 khong-tin-cay "/C=VN/O=Không rõ/CN=Lê Văn Lạ/serialNumber=CCCD:001085000002" \
  untrusted-root.pem untrusted-root.key leaf
imported 07 sai-muc-dich "/C=VN/O=$CENTRE/CN=Đỗ Thị Mã Hoá/serialNumber=CCCD:001191000003" int.pem int.key encrypt
openssl x509 -in int.pem -outform DER -out int.der
p11 --write-object int.der --type cert --id 10 --label int-ca

# Software signer for the mocked PKCS#11 layer.
q openssl req -new -newkey rsa:2048 -nodes -keyout mock/signer.key -out mock/signer.csr -utf8 \
  -subj "/C=VN/O=$CENTRE/CN=Trần Thị Thu Hằng/serialNumber=CCCD:001190012345"
q openssl x509 -req -in mock/signer.csr -CA int.pem -CAkey int.key -CAcreateserial -out mock/signer.pem \
  -days 730 -extfile ext.cnf -extensions leaf -sha256
rm -f ./*.csr mock/*.csr ./*.pub.der

echo "export SOFTHSM2_CONF='$DIR/softhsm2.conf' TEST_PKI_DIR='$DIR' TOKEN_LABEL='$LABEL' TOKEN_PIN='$PIN' PKCS11_MODULE='$MOD'"
