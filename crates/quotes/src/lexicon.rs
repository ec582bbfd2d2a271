//! Word lists for attribution: reporting verbs, titles and roles, anonymous sources,
//! organisation keywords and nationality qualifiers. Every function takes a lowercased word
//! unless it says otherwise.

/// A reporting verb or noun-free cue (`said`, `told`, `writes`, ...).
pub(crate) fn is_cue(w: &str) -> bool {
    is_speech_verb(w) || is_relay_verb(w) || is_publish_verb(w) || w == "according"
}

/// True when token `k` of `doc` is a reporting cue in context: lowercase (or `According`)
/// and, for forms that are also plural nouns, not after a determiner.
pub(crate) fn cue_at(doc: &crate::words::Doc, k: usize) -> bool {
    let l = doc.lower(k);
    if !doc.is_word(k) || doc.is_cap(k) && l != "according" || !is_cue(l) {
        return false;
    }
    if l == "according" {
        return doc.lower(k + 1) == "to";
    }
    !(is_noun_like_cue(l) && k > 0 && is_determiner(doc.lower(k - 1)))
}

/// A verb that reports speech and can introduce indirect speech (`said that ...`).
#[rustfmt::skip]
pub(crate) fn is_speech_verb(w: &str) -> bool {
    matches!(
        w,
        "said" | "says" | "say" | "told" | "tells" | "added" | "adds" | "stressed" | "stresses"
            | "noted" | "notes" | "stated" | "states" | "declared" | "declares" | "explained"
            | "explains" | "insisted" | "insists" | "warned" | "warns" | "announced"
            | "announces" | "claimed" | "claims" | "remarked" | "commented" | "continued"
            | "concluded" | "asked" | "replied" | "answered" | "argued" | "argues"
            | "emphasised" | "emphasized" | "emphasises" | "emphasizes" | "underlined"
            | "underscored" | "confirmed" | "confirms" | "acknowledged" | "admitted"
            | "recalled" | "suggested" | "urged" | "tweeted" | "posted" | "observed" | "assured"
            | "promised" | "vowed" | "maintained" | "maintains" | "mentioned" | "predicted"
            | "cautioned" | "conceded" | "revealed" | "disclosed" | "accused" | "denied"
            | "agreed" | "objected" | "retorted" | "wondered" | "boasted" | "complained"
            | "alleged" | "estimated" | "indicated" | "pointed"
    )
}

/// A verb whose object is the speaker and whose subject relays (`TASS quotes Lavrov`).
#[rustfmt::skip]
pub(crate) fn is_relay_verb(w: &str) -> bool {
    matches!(
        w,
        "quotes" | "quoted" | "cites" | "cited" | "quoting" | "citing"
    )
}

/// A verb of publication whose subject is an outlet (`Ukrinform writes`).
pub(crate) fn is_publish_verb(w: &str) -> bool {
    matches!(w, "writes" | "wrote" | "reports" | "reported" | "reporting")
}

/// Cue forms that are also plural nouns (`the claims`); they are cues only when no
/// determiner precedes them.
#[rustfmt::skip]
pub(crate) fn is_noun_like_cue(w: &str) -> bool {
    matches!(
        w,
        "states" | "claims" | "notes" | "reports" | "quotes" | "cites" | "posted" | "says"
    )
}

/// Determiners and possessives.
#[rustfmt::skip]
pub(crate) fn is_determiner(w: &str) -> bool {
    matches!(
        w,
        "the" | "a" | "an" | "this" | "that" | "these" | "those" | "his" | "her" | "its"
            | "their" | "our" | "one" | "two" | "three" | "several" | "some" | "another"
            | "such" | "many" | "other"
    )
}

/// Determiners that introduce an unidentified source (`a senior official`).
#[rustfmt::skip]
pub(crate) fn is_indefinite(w: &str) -> bool {
    matches!(
        w,
        "a" | "an" | "one" | "two" | "three" | "several" | "some" | "another" | "many"
    )
}

/// Nouns that describe a source without naming it.
#[rustfmt::skip]
pub(crate) fn is_anon_noun(w: &str) -> bool {
    matches!(
        w,
        "official" | "officials" | "source" | "sources" | "diplomat" | "diplomats" | "member"
            | "members" | "person" | "people" | "insider" | "insiders" | "aide" | "aides"
            | "officer" | "officers" | "employee" | "employees" | "witness" | "witnesses"
            | "resident" | "residents" | "staffer" | "staffers" | "executive" | "executives"
            | "lawmaker" | "lawmakers" | "analyst" | "analysts" | "expert" | "experts"
            | "negotiator" | "negotiators" | "soldier" | "soldiers" | "spokesperson"
            | "spokesman" | "spokeswoman" | "representative" | "representatives" | "worker"
            | "workers" | "woman" | "women" | "man" | "men" | "mother" | "father" | "student"
            | "students" | "farmer" | "farmers" | "driver" | "drivers" | "passenger"
            | "passengers" | "neighbour" | "neighbours" | "neighbor" | "neighbors" | "teacher"
            | "teachers" | "doctor" | "doctors" | "nurse" | "nurses" | "protester"
            | "protesters" | "voter" | "voters" | "local" | "locals" | "organiser"
            | "organisers" | "organizer" | "organizers" | "observer" | "observers"
            | "participant" | "participants"
    )
}

/// Words that mark a description as anonymous wherever they appear.
pub(crate) fn is_anon_marker(w: &str) -> bool {
    matches!(w, "anonymous" | "anonymity" | "unnamed" | "unidentified")
}

/// Titles and role nouns (`minister`, `secretary`, `spokesperson`, `head`).
#[rustfmt::skip]
pub(crate) fn is_title(w: &str) -> bool {
    matches!(
        w,
        "minister" | "secretary" | "president" | "spokesperson" | "spokesman" | "spokeswoman"
            | "chancellor" | "ambassador" | "director" | "chairman" | "chairwoman" | "chair"
            | "head" | "chief" | "governor" | "mayor" | "general" | "senator" | "premier"
            | "deputy" | "envoy" | "commissioner" | "leader" | "king" | "queen" | "prince"
            | "princess" | "judge" | "professor" | "diplomat" | "representative" | "adviser"
            | "advisor" | "ceo" | "manager" | "commander" | "prosecutor" | "lawyer" | "attorney"
            | "economist" | "mp" | "lawmaker" | "congressman" | "congresswoman" | "speaker"
            | "sheriff" | "captain" | "colonel" | "admiral" | "coach" | "founder" | "owner"
            | "editor" | "officer" | "rapporteur" | "superintendent" | "inspector"
            | "councillor" | "councilor" | "commissar" | "secretary-general" | "president-elect"
            | "counsel" | "treasurer" | "chairperson" | "official"
            | "executive" | "pastor" | "bishop" | "rector" | "dean" | "mufti" | "ombudsman"
            | "auditor" | "registrar" | "warden"
    )
}

/// Honorifics written before a name (`Mr`, `Dr`).
#[rustfmt::skip]
pub(crate) fn is_honorific(w: &str) -> bool {
    matches!(
        w,
        "mr" | "mrs" | "ms" | "dr" | "mr." | "mrs." | "ms." | "dr." | "sir" | "dame" | "madam"
            | "prof" | "rev" | "sen" | "gen" | "lt" | "col" | "capt" | "st"
    )
}

/// Lowercase words that may sit inside a noun phrase naming a speaker.
#[rustfmt::skip]
pub(crate) fn is_np_modifier(w: &str) -> bool {
    matches!(
        w,
        "senior" | "top" | "junior" | "former" | "high-ranking" | "high-level" | "chief"
            | "foreign" | "state" | "government" | "military" | "defence" | "defense"
            | "interior" | "finance" | "health" | "justice" | "economy" | "trade" | "energy"
            | "press" | "white" | "house" | "ministry" | "department" | "delegation"
            | "administration" | "company" | "party" | "police" | "army" | "local" | "western"
            | "eastern" | "european" | "regional" | "national" | "federal" | "city" | "council"
            | "agency" | "office" | "embassy" | "union" | "opposition" | "rebel" | "campaign"
            | "security" | "intelligence" | "presidential" | "prime" | "vice" | "deputy"
            | "acting" | "new" | "outgoing" | "incoming" | "veteran" | "retired" | "longtime"
            | "u.s" | "eu" | "un" | "nato" | "education" | "transport" | "agriculture"
            | "environment" | "culture" | "labour" | "labor" | "industry" | "communications"
            | "affairs" | "central" | "bank" | "court" | "supreme" | "team" | "club" | "board"
            | "parliamentary" | "diplomatic" | "negotiating" | "mission" | "staff" | "general"
            | "familiar" | "close" | "with" | "the" | "matter" | "talks" | "negotiations"
            | "ruling" | "organising" | "organizing" | "committee" | "firm" | "group"
            | "hospital" | "school" | "university" | "airline" | "airport" | "port" | "fire"
            | "emergency" | "rescue" | "coast" | "guard" | "border" | "customs" | "tax"
            | "election" | "electoral" | "investigation" | "investigating" | "medical"
            | "research" | "aid" | "relief" | "humanitarian" | "diplomacy" | "industry's"
            | "ministry's" | "government's" | "company's" | "department's" | "agency's"
            | "city's" | "country's" | "bank's" | "party's" | "team's" | "club's" | "union's"
    )
}

/// Adverbs and auxiliaries allowed between a subject and its cue (`Blinken also said`).
#[rustfmt::skip]
pub(crate) fn is_adverb(w: &str) -> bool {
    matches!(
        w,
        "also" | "later" | "then" | "further" | "again" | "earlier" | "previously" | "recently"
            | "reportedly" | "has" | "had" | "have" | "was" | "were" | "is" | "once"
            | "repeatedly" | "publicly" | "privately" | "separately" | "firmly" | "clearly"
            | "bluntly" | "flatly" | "simply" | "quickly" | "calmly" | "angrily" | "openly"
            | "directly" | "only" | "previous" | "subsequently" | "would" | "will" | "allegedly"
            | "now" | "still" | "just" | "finally" | "quietly"
    )
}

/// Generic nouns for a news outlet (`the paper`, `the broadcaster`).
#[rustfmt::skip]
pub(crate) fn is_media_noun(w: &str) -> bool {
    matches!(
        w,
        "paper" | "newspaper" | "agency" | "broadcaster" | "station" | "channel" | "outlet"
            | "daily" | "tabloid" | "publication" | "website" | "magazine" | "weekly"
    )
}

/// Name words that mark an organisation as a news outlet.
#[rustfmt::skip]
pub(crate) fn is_media_keyword(w: &str) -> bool {
    matches!(
        w,
        "news" | "times" | "post" | "press" | "daily" | "radio" | "tv" | "television" | "wire"
            | "herald" | "gazette" | "journal" | "courier" | "tribune" | "agency" | "chronicle"
            | "telegraph" | "observer" | "review" | "dispatch" | "bulletin" | "record"
            | "mirror" | "express" | "weekly" | "magazine" | "pravda" | "truth" | "channel"
            | "network"
    )
}

/// Auxiliary and modal verbs (a clause follows a cue when one comes soon after it).
#[rustfmt::skip]
pub(crate) fn is_aux(w: &str) -> bool {
    matches!(
        w,
        "was" | "were" | "is" | "are" | "had" | "has" | "have" | "would" | "will" | "could"
            | "should" | "can" | "may" | "might" | "must" | "did" | "does" | "do" | "shall"
            | "been" | "be"
    )
}

/// Prepositions that attach a phrase to a source (`a doctor at the clinic`).
pub(crate) fn is_np_preposition(w: &str) -> bool {
    matches!(w, "at" | "in" | "of" | "for" | "from" | "with" | "on")
}

/// Words of a time adverbial (`on Monday`, `last week`, `earlier today`).
pub(crate) fn is_time_word(w: &str) -> bool {
    is_calendar(w)
        || matches!(
            w,
            "today"
                | "yesterday"
                | "tonight"
                | "tomorrow"
                | "morning"
                | "afternoon"
                | "evening"
                | "night"
                | "week"
                | "weekend"
                | "month"
                | "year"
                | "earlier"
                | "later"
                | "again"
                | "recently"
                | "previously"
        )
}

/// Nouns for documents and messages, which speak for someone but are no one
/// (`a statement`, `the report`).
#[rustfmt::skip]
pub(crate) fn is_document_noun(w: &str) -> bool {
    matches!(
        w,
        "statement" | "report" | "document" | "letter" | "communique" | "study" | "survey"
            | "poll" | "email" | "post" | "tweet" | "video" | "memo" | "note" | "message"
            | "release" | "ruling" | "verdict" | "decree" | "resolution" | "banner" | "sign"
            | "slogan" | "placard" | "headline" | "website" | "page" | "text" | "draft"
    )
}

/// Pronouns that can stand for a person speaker.
pub(crate) fn is_person_pronoun(w: &str) -> bool {
    matches!(w, "he" | "she")
}

/// Capitalised function words that do not start a name (`The`, `On`, `But`).
#[rustfmt::skip]
pub(crate) fn is_stop_cap(w: &str) -> bool {
    matches!(
        w,
        "the" | "a" | "an" | "on" | "in" | "at" | "after" | "before" | "but" | "and" | "or"
            | "however" | "meanwhile" | "earlier" | "later" | "then" | "this" | "that" | "these"
            | "those" | "it" | "he" | "she" | "we" | "they" | "i" | "you" | "if" | "when"
            | "while" | "as" | "according" | "for" | "from" | "to" | "with" | "by" | "of"
            | "about" | "during" | "since" | "until" | "under" | "over" | "there" | "his"
            | "her" | "its" | "their" | "our" | "my" | "your" | "not" | "no" | "yes" | "so"
            | "also" | "still" | "yet" | "now" | "asked" | "speaking" | "writing" | "photo"
            | "what" | "why" | "how" | "who" | "where" | "which" | "some" | "many" | "most"
            | "all" | "both" | "each" | "every" | "last" | "next" | "first" | "one" | "two"
            | "three" | "mr" | "mrs" | "ms" | "dr" | "new" | "despite" | "amid" | "among"
            | "although" | "though" | "because" | "here" | "today" | "tomorrow"
            | "yesterday" | "once" | "instead" | "indeed" | "thus" | "let" | "do"
            | "does" | "did" | "is" | "are" | "was" | "were" | "will" | "would" | "can"
            | "could" | "should" | "must" | "may" | "might" | "hello" | "thank" | "thanks"
            | "please" | "sorry" | "dear" | "well" | "oh" | "look"
    )
}

/// Weekday and month names (capitalised but never a name).
#[rustfmt::skip]
pub(crate) fn is_calendar(w: &str) -> bool {
    matches!(
        w,
        "monday" | "tuesday" | "wednesday" | "thursday" | "friday" | "saturday" | "sunday"
            | "january" | "february" | "march" | "april" | "may" | "june" | "july" | "august"
            | "september" | "october" | "november" | "december" | "jan" | "feb" | "mar" | "apr"
            | "jun" | "jul" | "aug" | "sep" | "sept" | "oct" | "nov" | "dec"
    )
}

/// Words that make a capitalised name an organisation.
#[rustfmt::skip]
pub(crate) fn is_org_keyword(w: &str) -> bool {
    matches!(
        w.trim_end_matches("'s").trim_end_matches("’s"),
        "ministry" | "department" | "council" | "union" | "nations" | "agency" | "news"
            | "times" | "post" | "press" | "bank" | "party" | "army" | "office" | "committee"
            | "court" | "parliament" | "government" | "commission" | "organization"
            | "organisation" | "association" | "institute" | "university" | "company" | "corp"
            | "inc" | "ltd" | "group" | "service" | "services" | "forces" | "federation"
            | "alliance" | "accords" | "agreement" | "agreements" | "republic" | "republics"
            | "kingdom" | "states" | "house" | "kremlin" | "pentagon" | "senate" | "congress"
            | "assembly" | "board" | "bureau" | "police" | "guard" | "navy" | "command"
            | "embassy" | "mission" | "foundation" | "fund" | "club" | "league" | "team"
            | "tribune" | "herald" | "gazette" | "journal" | "daily" | "radio" | "television"
            | "tv" | "channel" | "network" | "media" | "telegraph" | "courier" | "observer"
            | "review" | "wire" | "reuters" | "movement" | "front" | "coalition" | "church"
            | "authority" | "authorities" | "administration" | "directorate" | "secretariat"
            | "cabinet" | "treaty" | "summit" | "conference" | "charter" | "airlines"
            | "airways" | "motors" | "holdings" | "partners" | "labs" | "systems" | "energy"
            | "oil" | "gas" | "pravda" | "truth" | "chronicle" | "monitor" | "dispatch"
            | "bulletin" | "record" | "mirror" | "sun" | "star" | "globe" | "standard"
            | "express" | "insider" | "today" | "weekly" | "magazine" | "hospital" | "school"
            | "college" | "centre" | "center" | "port" | "airport" | "stadium" | "province"
            | "region" | "city" | "county" | "district" | "street" | "square" | "sea" | "ocean"
            | "river" | "lake" | "mountains" | "island" | "islands" | "gulf" | "bay" | "europe"
            | "asia" | "africa" | "america" | "eastern" | "western" | "northern" | "southern"
            | "central" | "north" | "south" | "east" | "west" | "nato" | "osce" | "twitter"
            | "facebook" | "telegram" | "instagram" | "youtube" | "airline"
            | "carrier" | "operator" | "firm" | "regulator" | "watchdog" | "utility"
            | "broadcaster" | "prosecutors"
    )
}

/// Words of a role's complement (`Secretary of State`, `Minister of Foreign Affairs`).
#[rustfmt::skip]
pub(crate) fn is_complement_word(w: &str) -> bool {
    matches!(
        w,
        "state" | "foreign" | "affairs" | "defence" | "defense" | "finance" | "interior"
            | "justice" | "health" | "economy" | "trade" | "energy" | "education" | "the"
            | "transport" | "agriculture" | "environment" | "culture" | "labour" | "labor"
            | "industry" | "communications" | "home" | "treasury" | "commerce" | "war"
            | "information" | "digital" | "transformation" | "development" | "security"
            | "infrastructure" | "tourism" | "sport" | "sports" | "science" | "research"
            | "technology" | "housing" | "welfare" | "social" | "public" | "works" | "and"
            | "national" | "internal" | "external" | "international" | "relations" | "staff"
            | "mission" | "board" | "directors" | "government" | "parliament" | "council"
    )
}

/// The country a nationality or country word stands for, as a comparison key.
pub(crate) fn country_key(w: &str) -> String {
    let w = w
        .trim_end_matches("'s")
        .trim_end_matches("’s")
        .to_lowercase();
    let fixed = match w.as_str() {
        "us" | "u.s" | "usa" | "american" | "america" | "washington" => "us",
        "uk" | "british" | "britain" | "english" | "england" | "london" => "uk",
        "french" | "france" | "paris" => "france",
        "chinese" | "china" | "beijing" => "china",
        "dutch" | "netherlands" => "netherlands",
        "swiss" | "switzerland" => "switzerland",
        "spanish" | "spain" => "spain",
        "greek" | "greece" => "greece",
        "turkish" | "turkey" | "ankara" => "turkey",
        "polish" | "poland" => "poland",
        "german" | "germany" | "berlin" => "germany",
        "japanese" | "japan" => "japan",
        "russian" | "russia" | "moscow" | "kremlin" => "russia",
        "ukrainian" | "ukraine" | "kyiv" | "kiev" => "ukraine",
        "eu" | "european" => "eu",
        _ => "",
    };
    if !fixed.is_empty() {
        return fixed.to_string();
    }
    w.chars().take(5).collect()
}

/// Canonical concepts a role phrase expresses. A phrase naming a well-known office in
/// other words (`the top diplomat`, `the head of the State Department`) maps to the same
/// concept as its usual title (`Secretary of State`, `Foreign Minister`).
pub(crate) fn special_concept(words: &[String]) -> Option<&'static str> {
    let has = |w: &str| words.iter().any(|x| x == w);
    let phrase = words.join(" ");
    let contains = |p: &str| phrase.contains(p);
    if (has("secretary") && has("state") && !has("deputy") && !has("assistant"))
        || (has("foreign") && (has("minister") || has("secretary")))
        || (has("diplomat") && (has("top") || has("chief")))
        || ((has("head") || has("chief"))
            && (contains("state department")
                || contains("foreign ministry")
                || contains("foreign office")
                || contains("foreign affairs")
                || contains("diplomacy")))
    {
        return Some("foreign-minister");
    }
    if words.iter().any(|w| w.starts_with("spokes")) || contains("press secretary") {
        return Some("spokesperson");
    }
    if contains("prime minister") || has("premier") || contains("head of government") {
        return Some("prime-minister");
    }
    if contains("vice president") || has("vice-president") {
        return Some("vice-president");
    }
    if has("president") || contains("head of state") {
        return Some("president");
    }
    if ((has("defence") || has("defense")) && (has("minister") || has("secretary")))
        || ((has("head") || has("chief")) && has("pentagon"))
    {
        return Some("defence-minister");
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(s: &str) -> Vec<String> {
        s.split(' ').map(str::to_string).collect()
    }

    #[test]
    fn paraphrased_offices_share_a_concept() {
        let a = special_concept(&words("the head of the state department"));
        assert_eq!(a, Some("foreign-minister"));
        assert_eq!(special_concept(&words("top us diplomat")), a);
        assert_eq!(special_concept(&words("secretary of state")), a);
        assert_eq!(special_concept(&words("the ministry")), None);
    }

    #[test]
    fn nationalities_map_to_countries() {
        assert_eq!(country_key("French"), country_key("France"));
        assert_eq!(country_key("Veldorian"), country_key("Veldoria"));
        assert_ne!(country_key("Russian"), country_key("US"));
    }
}
