#pragma once
// The console's LAB master identity: generated once with
// rb::onion::MasterIdentity and kept as tor's key files in the app's data
// directory (<AppDataLocation>/lab-master-key, 0700, files 0600), so the lab's
// onion address stays the same between runs. It is a throw-away key for the
// private test network only: the console labels it "LAB KEY — not for
// production" and never stores it in the keychain next to real keys.

#include "onion/MasterIdentity.h"
#include "util/Result.h"

#include <QString>

namespace rb::console {

class LabMasterKey {
public:
    static QString defaultDirectory();
    // Loads the key from dir, or generates and writes it there first.
    static Result<onion::MasterIdentity> loadOrCreate(const QString& dir, bool* created = nullptr);
};

}  // namespace rb::console
