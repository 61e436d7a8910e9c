# Sourced by the doc harness before every ```bash block of a page (see docs/doc-tests.md).
#
# curl: the real curl, quiet, with every answer's status and body recorded in $DOC_STATE/http.log, so the harness
# can check them; the body is printed as curl would print it. Under the `mock` marker a call that names a provider
# (passthrough) or creates a virtual key is sent to the mock upstream instead of the provider's own host.

doc_mock_base() { # provider id -> the mock upstream's base URL standing in for that provider
  local var="DOC_MOCK_BASE_$(printf '%s' "$1" | tr 'a-z-' 'A-Z_')"
  printf '%s' "${!var:-$DOC_MOCK_URL/v1}"
}

curl() {
  local args=("$@") i url="" method="" data_index=-1 provider="" custom_host=""
  for ((i = 0; i < ${#args[@]}; i++)); do
    case "${args[i]}" in
      -X | --request) method="${args[i + 1]}" ;;
      -d | --data | --data-raw | --data-binary) data_index=$((i + 1)); method="${method:-POST}" ;;
      -H | --header)
        case "${args[i + 1],,}" in
          x-portkey-provider:* | x-portcullis-provider:*) provider="$(printf '%s' "${args[i + 1]#*:}" | tr -d ' ')" ;;
          x-portkey-custom-host:* | x-portcullis-custom-host:*) custom_host=1 ;;
        esac ;;
      http://* | https://* | localhost:* | 127.0.0.1:*) url="${args[i]}" ;;
    esac
  done
  if [ -n "${DOC_MOCK:-}" ]; then
    if [ -n "$provider" ] && [ -z "$custom_host" ]; then
      args+=(-H "x-portkey-custom-host: $(doc_mock_base "$provider")")
    fi
    if [ "$method" = POST ] && [ "$data_index" -ge 0 ] && [[ "${url%%\?*}" == */admin/v1/virtual-keys ]]; then
      local body="${args[data_index]}" vk_provider
      vk_provider="$(jq -r '.provider // empty' <<<"$body")"
      if [ -n "$vk_provider" ] && [ "$(jq -r 'has("base_url")' <<<"$body")" = false ]; then
        args[data_index]="$(jq -c --arg base "$(doc_mock_base "$vk_provider")" '. + {base_url: $base}' <<<"$body")"
      fi
    fi
  fi
  local out status
  out="$(mktemp -p "$DOC_STATE" http.XXXXXX)"
  status="$(command curl -sS -o "$out" -w '%{http_code}' "${args[@]}")" || return $?
  printf '%s %s %s %s\n' "$status" "$out" "${method:-GET}" "$url" >>"$DOC_STATE/http.log"
  cat "$out"
}
