//! Who may do what: [`Role`]s, their secret [`Key`]s, and [`Access`], the fold of a meeting's
//! access log.
//!
//! A key is 128 bits from the operating system's random source, written as 32 hex digits.
//! Only its SHA-256 hash is stored, in the meeting's access stream (`{meeting}.access`) as
//! `key_issued` and `key_revoked` events, so the access rights are event-sourced like the
//! meeting itself and a stolen database holds no usable key. Issuing a key for a holder
//! replaces the previous one; revoking leaves the holder without a key.

use std::collections::{HashMap, HashSet};
use std::fmt;

use council_core::MemberCode;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

/// What a key lets its holder do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "role", content = "member", rename_all = "snake_case")]
pub enum Role {
    /// The chair: runs the meeting, never votes.
    President,
    /// The delegation of a member of the Council: acts only as itself.
    Delegation(MemberCode),
    /// A State invited without vote (Rules 37 and 39, Art. 32): speaks and co-sponsors.
    Invitee(MemberCode),
}

impl Role {
    /// The role's name on the wire: `president`, `delegation` or `invitee`.
    pub fn name(self) -> &'static str {
        match self {
            Role::President => "president",
            Role::Delegation(_) => "delegation",
            Role::Invitee(_) => "invitee",
        }
    }

    /// The State the role acts for, if any.
    pub fn member(self) -> Option<MemberCode> {
        match self {
            Role::President => None,
            Role::Delegation(member) | Role::Invitee(member) => Some(member),
        }
    }

    /// The page the role's link opens.
    pub fn page(self) -> &'static str {
        match self {
            Role::President => "president",
            Role::Delegation(_) | Role::Invitee(_) => "delegation",
        }
    }
}

impl fmt::Display for Role {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Role::President => formatter.write_str("the President"),
            Role::Delegation(member) => write!(formatter, "the delegation of {member}"),
            Role::Invitee(member) => write!(formatter, "the invited State {member}"),
        }
    }
}

/// A secret key, as handed to its holder once.
#[derive(Clone, PartialEq, Eq)]
pub struct Key(String);

impl Key {
    /// A fresh key: 128 random bits from the operating system.
    pub fn generate() -> Key {
        let mut bytes = [0u8; 16];
        getrandom::fill(&mut bytes).expect("the operating system's random source is available");
        Key(bytes.iter().map(|byte| format!("{byte:02x}")).collect())
    }

    /// A key as presented by a client; any text is accepted, and only its hash is compared.
    pub fn presented(text: &str) -> Key {
        Key(text.to_owned())
    }

    /// The key's text, to put in a link.
    pub fn expose(&self) -> &str {
        &self.0
    }

    /// The hash that is stored.
    pub fn hash(&self) -> KeyHash {
        let digest = Sha256::digest(self.0.as_bytes());
        KeyHash(digest.iter().map(|byte| format!("{byte:02x}")).collect())
    }
}

impl fmt::Debug for Key {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str("Key(..)")
    }
}

/// The SHA-256 of a key, in hex: what the access log keeps.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct KeyHash(String);

/// One event of a meeting's access log.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum AccessEvent {
    /// A key was issued to a role, replacing any earlier key of that role.
    KeyIssued {
        /// The holder.
        #[serde(flatten)]
        role: Role,
        /// The hash of the key.
        key_hash: KeyHash,
    },
    /// A role's key was revoked.
    KeyRevoked {
        /// The holder.
        #[serde(flatten)]
        role: Role,
    },
}

impl AccessEvent {
    /// The event's stable kind.
    pub fn kind(&self) -> &'static str {
        match self {
            AccessEvent::KeyIssued { .. } => "key_issued",
            AccessEvent::KeyRevoked { .. } => "key_revoked",
        }
    }
}

/// The schema version of access events.
pub const ACCESS_EVENT_VERSION: u32 = 1;

/// The keys in force in one meeting: the fold of its access log.
#[derive(Debug, Clone, Default)]
pub struct Access {
    by_hash: HashMap<KeyHash, Role>,
    by_role: HashMap<Role, KeyHash>,
    holders: HashSet<Role>,
}

impl Access {
    /// Applies one access event.
    pub fn apply(&mut self, event: &AccessEvent) {
        match event {
            AccessEvent::KeyIssued { role, key_hash } => {
                self.revoke(*role);
                self.holders.insert(*role);
                self.by_hash.insert(key_hash.clone(), *role);
                self.by_role.insert(*role, key_hash.clone());
            }
            AccessEvent::KeyRevoked { role } => self.revoke(*role),
        }
    }

    fn revoke(&mut self, role: Role) {
        if let Some(old) = self.by_role.remove(&role) {
            self.by_hash.remove(&old);
        }
    }

    /// The role a presented key holds, if the key is in force.
    pub fn role_of(&self, key: &Key) -> Option<Role> {
        self.by_hash.get(&key.hash()).copied()
    }

    /// The States holding links in this meeting (keys in force or revoked), by code.
    pub fn holders(&self) -> Vec<Role> {
        let mut holders: Vec<Role> = self
            .holders
            .iter()
            .copied()
            .filter(|role| role.member().is_some())
            .collect();
        holders.sort_by_key(|role| role.member());
        holders
    }

    /// The role that a State holds in this meeting, whether its key is in force or revoked.
    pub fn role_for_member(&self, member: MemberCode) -> Option<Role> {
        self.holders
            .iter()
            .copied()
            .find(|role| role.member() == Some(member))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn code(text: &str) -> MemberCode {
        MemberCode::parse(text).unwrap()
    }

    #[test]
    fn generated_keys_are_32_hex_digits_and_distinct() {
        let first = Key::generate();
        let second = Key::generate();
        assert_eq!(first.expose().len(), 32);
        assert!(first.expose().bytes().all(|byte| byte.is_ascii_hexdigit()));
        assert_ne!(first, second);
    }

    #[test]
    fn reissued_key_replaces_the_old_one_and_revoked_key_stops_working() {
        let mut access = Access::default();
        let old = Key::generate();
        let new = Key::generate();
        let role = Role::Delegation(code("FRA"));
        access.apply(&AccessEvent::KeyIssued {
            role,
            key_hash: old.hash(),
        });
        assert_eq!(access.role_of(&old), Some(role));
        access.apply(&AccessEvent::KeyIssued {
            role,
            key_hash: new.hash(),
        });
        assert_eq!(access.role_of(&old), None);
        assert_eq!(access.role_of(&new), Some(role));
        access.apply(&AccessEvent::KeyRevoked { role });
        assert_eq!(access.role_of(&new), None);
    }

    #[test]
    fn access_events_read_back_from_their_json() {
        let event = AccessEvent::KeyIssued {
            role: Role::Invitee(code("PSE")),
            key_hash: Key::generate().hash(),
        };
        let json = serde_json::to_value(&event).unwrap();
        assert_eq!(json["kind"], "key_issued");
        assert_eq!(json["role"], "invitee");
        assert_eq!(json["member"], "PSE");
        assert_eq!(serde_json::from_value::<AccessEvent>(json).unwrap(), event);
        let president = serde_json::to_value(AccessEvent::KeyRevoked {
            role: Role::President,
        })
        .unwrap();
        assert_eq!(president["role"], "president");
    }
}
