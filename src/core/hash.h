// Content hashes (OpenSSL's libcrypto): SHA-1 for git blob ids (The Stack's `hexsha`),
// SHA-256 for the lock file. Lower-case hex output. Thread-safe.
#pragma once

#include <memory>
#include <string>
#include <string_view>

namespace automend {

std::string Sha256Hex(std::string_view data);

// The git blob id of `content`: sha1("blob <len>\0" + content).
std::string GitBlobSha1(std::string_view content);

// Incremental SHA-256, for files read in pieces.
class Sha256 {
 public:
  Sha256();
  ~Sha256();
  Sha256(const Sha256&) = delete;
  Sha256& operator=(const Sha256&) = delete;
  void Update(std::string_view data);
  std::string HexDigest();  // finishes; the object must not be updated afterwards

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace automend
