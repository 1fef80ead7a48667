# Needs no authentication; the token comes back in the X-Subject-Token header and is
# valid for 24 hours. jq builds the body from the environment and curl reads it on stdin,
# so the password is on no command line.
# Use it with `eval "$(bash curl.sh)"`; the token is a secret: never log it.
IAM="${HWGW_ENDPOINT:-https://iam.${HUAWEICLOUD_SDK_REGION:-cn-north-4}.myhuaweicloud.com}"
token=$(
  jq -n '{auth: {identity: {methods: ["password"], password: {user: {name: $ENV.IAM_USER_NAME,
      password: $ENV.IAM_PASSWORD, domain: {name: $ENV.IAM_DOMAIN_NAME}}}},
    scope: {project: {name: ($ENV.HUAWEICLOUD_SDK_REGION // "cn-north-4")}}}}' |
    curl --fail-with-body -sS -X POST "$IAM/v3/auth/tokens?nocatalog=true" \
      -H "Content-Type: application/json;charset=utf8" -d @- -D - -o /dev/null |
    tr -d '\r' | awk 'tolower($1) == "x-subject-token:" { print $2 }'
)
[ -n "$token" ] || { echo "no X-Subject-Token in the answer" >&2; exit 1; }
echo "export HWGW_TOKEN=$token"
