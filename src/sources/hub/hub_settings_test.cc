#include "sources/hub/hub_settings.h"

#include <gtest/gtest.h>

namespace automend {
namespace {

HubSettings MustLoad(const Environment& env) {
  HubSettings settings;
  Status s = LoadHubSettings(env, &settings);
  EXPECT_TRUE(s.ok()) << s.ToString();
  return settings;
}

TEST(HubSettings, DefaultsToThePublicHubWithoutToken) {
  FixedEnvironment env;
  env.Set("HOME", "/home/u");
  HubSettings s = MustLoad(env);
  EXPECT_EQ(s.endpoint, "https://huggingface.co");
  EXPECT_EQ(s.token, "");
  EXPECT_EQ(s.token_source, "");
}

TEST(HubSettings, HfTokenComesFirst) {
  FixedEnvironment env;
  env.Set("HOME", "/home/u")
      .Set("HF_TOKEN", "hf_env")
      .Set("HUGGING_FACE_HUB_TOKEN", "hf_legacy")
      .Set("HF_TOKEN_PATH", "/tokens/t")
      .AddFile("/tokens/t", "hf_path")
      .AddFile("/home/u/.cache/huggingface/token", "hf_home");
  HubSettings s = MustLoad(env);
  EXPECT_EQ(s.token, "hf_env");
  EXPECT_EQ(s.token_source, "HF_TOKEN");
}

TEST(HubSettings, LegacyVariableThenTokenPathThenHfHome) {
  FixedEnvironment env;
  env.Set("HOME", "/home/u")
      .Set("HUGGING_FACE_HUB_TOKEN", "hf_legacy")
      .Set("HF_TOKEN_PATH", "/tokens/t")
      .AddFile("/tokens/t", "hf_path");
  EXPECT_EQ(MustLoad(env).token, "hf_legacy");

  FixedEnvironment path_env;
  path_env.Set("HOME", "/home/u")
      .Set("HF_TOKEN", "  \n")  // blank counts as unset, as in huggingface_hub
      .Set("HF_TOKEN_PATH", "/tokens/t")
      .Set("HF_HOME", "/hf")
      .AddFile("/tokens/t", "hf_path\r\n")
      .AddFile("/hf/token", "hf_home");
  HubSettings s = MustLoad(path_env);
  EXPECT_EQ(s.token, "hf_path");
  EXPECT_EQ(s.token_source, "file /tokens/t");

  FixedEnvironment home_env;
  home_env.Set("HOME", "/home/u").Set("HF_HOME", "~/hf").AddFile("/home/u/hf/token", " hf_home \n");
  s = MustLoad(home_env);
  EXPECT_EQ(s.token, "hf_home");
  EXPECT_EQ(s.token_source, "file /home/u/hf/token");
}

TEST(HubSettings, HfTokenPathReplacesTheDefaultFile) {
  // As in huggingface_hub: HF_TOKEN_PATH names the token file; the default is not tried.
  FixedEnvironment env;
  env.Set("HOME", "/home/u")
      .Set("HF_TOKEN_PATH", "/missing")
      .AddFile("/home/u/.cache/huggingface/token", "hf_home");
  EXPECT_EQ(MustLoad(env).token, "");
}

TEST(HubSettings, HfHomeDefaultsToXdgCacheThenHomeCache) {
  FixedEnvironment xdg;
  xdg.Set("HOME", "/home/u")
      .Set("XDG_CACHE_HOME", "/xdg")
      .AddFile("/xdg/huggingface/token", "hf_xdg");
  EXPECT_EQ(MustLoad(xdg).token, "hf_xdg");
  FixedEnvironment home;
  home.Set("HOME", "/home/u").AddFile("/home/u/.cache/huggingface/token", "hf_home");
  EXPECT_EQ(MustLoad(home).token, "hf_home");
}

TEST(HubSettings, EndpointFromHfEndpoint) {
  FixedEnvironment env;
  env.Set("HF_ENDPOINT", "http://127.0.0.1:8080/");
  EXPECT_EQ(MustLoad(env).endpoint, "http://127.0.0.1:8080");
  FixedEnvironment mirror;
  mirror.Set("HF_ENDPOINT", "https://mirror.example/hf");
  EXPECT_EQ(MustLoad(mirror).endpoint, "https://mirror.example/hf");
}

TEST(HubSettings, RejectsABadEndpointOrAnUnsendableToken) {
  HubSettings s;
  FixedEnvironment bad;
  bad.Set("HF_ENDPOINT", "huggingface.co");
  Status status = LoadHubSettings(bad, &s);
  EXPECT_TRUE(status.IsInvalidArgument());
  EXPECT_NE(status.message().find("HF_ENDPOINT"), std::string::npos);

  FixedEnvironment token;
  token.Set("HF_TOKEN", "hf_with space");
  status = LoadHubSettings(token, &s);
  EXPECT_TRUE(status.IsInvalidArgument());
  EXPECT_EQ(status.message().find("hf_with"), std::string::npos) << status.message();
}

}  // namespace
}  // namespace automend
