#include "sources/hub/hub_settings.h"

#include <algorithm>

#include "net/url.h"

namespace automend {
namespace {

std::string CleanToken(std::string token) {
  token.erase(
      std::remove_if(token.begin(), token.end(), [](char c) { return c == '\r' || c == '\n'; }),
      token.end());
  auto space = [](char c) { return c == ' ' || c == '\t' || c == '\v' || c == '\f'; };
  while (!token.empty() && space(token.back())) token.pop_back();
  size_t start = 0;
  while (start < token.size() && space(token[start])) ++start;
  return token.substr(start);
}

std::string ExpandHome(const Environment& env, const std::string& path) {
  if (path == "~" || path.rfind("~/", 0) == 0) {
    if (auto home = env.Get("HOME"); home && !home->empty()) return *home + path.substr(1);
  }
  return path;
}

std::string TokenFilePath(const Environment& env) {
  if (auto path = env.Get("HF_TOKEN_PATH"); path && !path->empty()) return ExpandHome(env, *path);
  std::string hf_home;
  if (auto value = env.Get("HF_HOME"); value && !value->empty()) {
    hf_home = ExpandHome(env, *value);
  } else if (auto xdg = env.Get("XDG_CACHE_HOME"); xdg && !xdg->empty()) {
    hf_home = ExpandHome(env, *xdg) + "/huggingface";
  } else {
    hf_home = ExpandHome(env, "~/.cache/huggingface");
  }
  return hf_home + "/token";
}

}  // namespace

Status LoadHubSettings(const Environment& env, HubSettings* settings) {
  HubSettings out;
  if (auto endpoint = env.Get("HF_ENDPOINT"); endpoint && !endpoint->empty()) {
    std::string value = *endpoint;
    while (!value.empty() && value.back() == '/') value.pop_back();
    Url url;
    Status s = ParseUrl(value, &url);
    if (!s.ok()) return Status::InvalidArgument("HF_ENDPOINT: " + s.message());
    if (url.target.find('?') != std::string::npos) {
      return Status::InvalidArgument("HF_ENDPOINT must not have a query: " + UrlForMessages(value));
    }
    out.endpoint = value;
  }

  for (const char* name : {"HF_TOKEN", "HUGGING_FACE_HUB_TOKEN"}) {
    if (auto value = env.Get(name)) {
      out.token = CleanToken(*value);
      if (!out.token.empty()) {
        out.token_source = name;
        break;
      }
    }
  }
  if (out.token.empty()) {
    std::string path = TokenFilePath(env);
    std::optional<std::string> contents;
    AUTOMEND_RETURN_IF_ERROR(env.ReadFile(path, &contents).WithContext("reading the hub token"));
    if (contents) {
      out.token = CleanToken(*contents);
      if (!out.token.empty()) out.token_source = "file " + path;
    }
  }
  for (char c : out.token) {
    auto u = static_cast<unsigned char>(c);
    if (u < 0x21 || u > 0x7e) {
      return Status::InvalidArgument("the hub token from " + out.token_source +
                                     " contains characters that cannot be sent in an HTTP header");
    }
  }
  *settings = std::move(out);
  return Status::OK();
}

}  // namespace automend
