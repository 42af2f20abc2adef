// HubSettings: the hub address and the access token, found the way huggingface_hub
// finds them so that a user's existing set-up just works:
//   token:    HF_TOKEN, else HUGGING_FACE_HUB_TOKEN (its legacy name), else the file at
//             HF_TOKEN_PATH when that is set, else $HF_HOME/token, where HF_HOME defaults
//             to $XDG_CACHE_HOME/huggingface, then ~/.cache/huggingface;
//   endpoint: HF_ENDPOINT, default https://huggingface.co.
// A token is cleaned like huggingface_hub does (line breaks removed, spaces trimmed; empty
// means none). The token never appears in a message: `token_source` says where it came
// from instead. Plain value type.
#pragma once

#include <string>

#include "core/environment.h"
#include "core/status.h"

namespace automend {

inline constexpr char kDefaultHubEndpoint[] = "https://huggingface.co";

struct HubSettings {
  std::string endpoint = kDefaultHubEndpoint;  // no trailing '/'
  std::string token;                           // empty: anonymous
  std::string token_source;                    // "HF_TOKEN", "file /x/token", "" when none
};

// InvalidArgument when HF_ENDPOINT is not an http(s) URL or the token holds characters
// that cannot go into an HTTP header; IOError when a token file exists but is unreadable.
Status LoadHubSettings(const Environment& env, HubSettings* settings);

}  // namespace automend
