#!/usr/bin/env bash
# Throw-away SoftHSM2 test token and test PKI, for tests, benchmarks and `npm run demo`. NOT for real use.
#
#   eval "$(scripts/make-test-token.sh DIR)"
#
# DIR gets its own token store (no global SoftHSM state is touched), the CAs and the certificates.
# Token "HocBa-Test" (user PIN 123456) holds, by CKA_LABEL (CKA_ID in brackets):
#   gvcn (01)          RSA-2048: "Trần Thị Thu Hằng", giáo viên chủ nhiệm, CCCD
#   thu-truong (02)    RSA-2048: "Nguyễn Văn Thắng", Giám đốc, CCCD
#   don-vi (03)        RSA-2048: the centre's seal, MST
#   ec-gvcn (06)       EC P-256: "Trần Thị Thu Hằng" again (ECDSA path)
#   het-han (04)       certificate valid 2023-01-01..2024-01-01 only (expired)
#   khong-tin-cay (05) certificate from a root that is NOT in the trust list
#   sai-muc-dich (07)  certificate allowing only keyEncipherment (not for signing)
#   int-ca (10)        the intermediate CA certificate (no key), as real tokens carry it
#   pho-giam-doc (11)  "Lê Thị Phó", Phó Giám đốc (signs KT. only where a record names her), CCCD
#   giam-doc-khong-dau (12) "NGUYEN VAN THANG": the director's name in capitals without diacritics, same CCCD
#   nguoi-khac (13)    "Ngô Văn Khách", a teacher no record names, CCCD
#   don-vi-khac (14)   another institution's seal (Trường THPT Phan Đình Phùng), MST in UID
#   thpt-gvcn (15), thpt-hieu-truong (16): that school's GVCN and Hiệu trưởng (the THPT sample class)
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
CA_START=20200101000000Z
CA_END=20450101000000Z
LEAF_START=20240101000000Z
LEAF_END=20400101000000Z
# Root and intermediate valid from 2020, so that a certificate that expired in 2023 still has a
# valid issuer path (the "expired at signing time" case must not look like "untrusted").
q openssl req -new -newkey rsa:2048 -nodes -keyout root.key -out root.csr -utf8 \
  -subj "/C=VN/O=HocBa Test PKI/CN=HocBa Test Root CA"
q openssl ca -config ca.cnf -batch -notext -utf8 -preserveDN -selfsign -keyfile root.key -in root.csr \
  -out root.pem -startdate "$CA_START" -enddate "$CA_END" -extfile ext.cnf -extensions root
q openssl req -new -newkey rsa:2048 -nodes -keyout int.key -out int.csr -utf8 \
  -subj "/C=VN/O=HocBa Test PKI/CN=HocBa Test Issuing CA"
q openssl ca -config ca.cnf -batch -notext -utf8 -preserveDN -cert root.pem -keyfile root.key -in int.csr \
  -out int.pem -startdate 20200101000000Z -enddate 20440101000000Z -extfile ext.cnf -extensions ca
q openssl req -new -newkey rsa:2048 -nodes -keyout untrusted-root.key -out untrusted-root.csr -utf8 \
  -subj "/C=VN/O=Untrusted/CN=Untrusted Root CA"
q openssl ca -config ca.cnf -batch -notext -utf8 -preserveDN -selfsign -keyfile untrusted-root.key \
  -in untrusted-root.csr -out untrusted-root.pem -startdate "$CA_START" -enddate "$CA_END" -extfile ext.cnf -extensions root

# Every certificate has an explicit validity window, never "from today": a test that signs at a fixed
# time must pass on any day the suite runs (a certificate dated "now + 730 days" made every fixed
# signing time before the day the token was made fail). The keys are made by openssl and imported
# (`openssl x509 -req -force_pubkey`, the only way to certify a key generated on the token, cannot set
# a start date with OpenSSL 3.0); for PKCS#11 an imported key is a token object like any other.
issue() { # id label keytype subject ca-cert ca-key ext startdate enddate
  local id=$1 label=$2 keytype=$3 subj=$4 ca=$5 cakey=$6 ext=$7 start=$8 end=$9
  local newkey=(-newkey "$keytype")
  [ "$keytype" = ec-p256 ] && newkey=(-newkey ec -pkeyopt ec_paramgen_curve:prime256v1)
  q openssl req -new "${newkey[@]}" -nodes -keyout "$label.key" -out "$label.csr" -utf8 -subj "$subj"
  q openssl ca -config ca.cnf -batch -notext -utf8 -preserveDN -cert "$ca" -keyfile "$cakey" \
    -in "$label.csr" -out "$label.pem" -startdate "$start" -enddate "$end" -extfile ext.cnf -extensions "$ext"
  openssl x509 -in "$label.pem" -outform DER -out "$label.der"
  openssl pkey -in "$label.key" -outform DER -out "$label.key.der"
  openssl pkey -in "$label.key" -pubout -outform DER -out "$label.pub.der"
  p11 --write-object "$label.key.der" --type privkey --id "$id" --label "$label" --usage-sign
  p11 --write-object "$label.pub.der" --type pubkey --id "$id" --label "$label"
  p11 --write-object "$label.der" --type cert --id "$id" --label "$label"
  rm -f "$label.key" "$label.key.der"
}
# Signer certificates: valid LEAF_START..LEAF_END (covers every fixed signing time the tests use and
# the real clock until then); `het-han` has its own window in the past.
on_token() { # id label keytype subject
  issue "$1" "$2" "$3" "$4" int.pem int.key leaf "$LEAF_START" "$LEAF_END"
}
imported() { # id label subject ca-cert ca-key ext [startdate enddate]
  issue "$1" "$2" rsa:2048 "$3" "$4" "$5" "$6" "${7:-$LEAF_START}" "${8:-$LEAF_END}"
}

CENTRE="Trung tâm GDNN-GDTX Việt Trì"
on_token 01 gvcn rsa:2048 "/C=VN/ST=Phú Thọ/L=Thành phố Việt Trì/O=$CENTRE/title=Giáo viên/CN=Trần Thị Thu Hằng/serialNumber=CCCD:001190012345"
on_token 02 thu-truong rsa:2048 "/C=VN/ST=Phú Thọ/L=Thành phố Việt Trì/O=$CENTRE/title=Giám đốc/CN=Nguyễn Văn Thắng/serialNumber=CCCD:001078067890"
on_token 03 don-vi rsa:2048 "/C=VN/ST=Phú Thọ/L=Thành phố Việt Trì/O=$CENTRE/CN=$CENTRE/serialNumber=MST:0109876543"
on_token 06 ec-gvcn ec-p256 "/C=VN/ST=Phú Thọ/O=$CENTRE/CN=Trần Thị Thu Hằng/serialNumber=CCCD:001190012345"
imported 04 het-han "/C=VN/O=$CENTRE/CN=Phạm Văn Cũ/serialNumber=CCCD:001080000001" int.pem int.key leaf \
  20230101000000Z 20240101000000Z
imported 05 khong-tin-cay "/C=VN/O=Không rõ/CN=Lê Văn Lạ/serialNumber=CCCD:001085000002" \
  untrusted-root.pem untrusted-root.key leaf
imported 07 sai-muc-dich "/C=VN/O=$CENTRE/CN=Đỗ Thị Mã Hoá/serialNumber=CCCD:001191000003" int.pem int.key encrypt
openssl x509 -in int.pem -outform DER -out int.der
p11 --write-object int.der --type cert --id 10 --label int-ca
# Signer authority (who may sign each role): a deputy who signs "KT." for the director, the director
# again with his name in capitals without diacritics (as some CAs issue it), a teacher the records do
# not name, and another institution's seal.
on_token 11 pho-giam-doc rsa:2048 "/C=VN/ST=Phú Thọ/O=$CENTRE/title=Phó Giám đốc/CN=Lê Thị Phó/serialNumber=CCCD:001185004444"
on_token 12 giam-doc-khong-dau rsa:2048 "/C=VN/O=$CENTRE/title=Giam doc/CN=NGUYEN VAN THANG/serialNumber=CCCD:001078067890"
on_token 13 nguoi-khac rsa:2048 "/C=VN/O=$CENTRE/title=Giáo viên/CN=Ngô Văn Khách/serialNumber=CCCD:001083009999"
on_token 14 don-vi-khac rsa:2048 "/C=VN/ST=Hà Nội/O=Trường THPT Phan Đình Phùng/CN=Trường THPT Phan Đình Phùng/UID=MST:0101234567"
# The THPT sample class's signers (tests/fixtures/gradebook-thpt-11.json), to sign its records.
THPT="Trường THPT Phan Đình Phùng"
on_token 15 thpt-gvcn rsa:2048 "/C=VN/ST=Hà Nội/O=$THPT/title=Giáo viên/CN=Nguyễn Thị Minh Nguyệt/serialNumber=CCCD:001186007777"
on_token 16 thpt-hieu-truong rsa:2048 "/C=VN/ST=Hà Nội/O=$THPT/title=Hiệu trưởng/CN=Lê Hồng Sơn/serialNumber=CCCD:001072008888"

# Software signer for the mocked PKCS#11 layer.
q openssl req -new -newkey rsa:2048 -nodes -keyout mock/signer.key -out mock/signer.csr -utf8 \
  -subj "/C=VN/O=$CENTRE/CN=Trần Thị Thu Hằng/serialNumber=CCCD:001190012345"
q openssl ca -config ca.cnf -batch -notext -utf8 -preserveDN -cert int.pem -keyfile int.key -in mock/signer.csr \
  -out mock/signer.pem -startdate "$LEAF_START" -enddate "$LEAF_END" -extfile ext.cnf -extensions leaf
rm -f ./*.csr mock/*.csr ./*.pub.der

echo "export SOFTHSM2_CONF='$DIR/softhsm2.conf' TEST_PKI_DIR='$DIR' TOKEN_LABEL='$LABEL' TOKEN_PIN='$PIN' PKCS11_MODULE='$MOD'"
