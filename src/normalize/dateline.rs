//! Datelines: the "JAKARTA, KOMPAS.com -" that opens a lead paragraph.
//!
//! A dateline names the outlet (which becomes the article's source when no `source` field is
//! given), the place, or both, and ends with a dash. No crate knows Indonesian datelines, so the
//! accepted forms are this table; each row has a test below.
//!
//! | form | example | real input it comes from |
//! |---|---|---|
//! | outlet – | `VIVA.co.id\u{a0}– ` | the user's example (no-break space, en dash); gen-corpus `KABARNUSA.co.id – ` |
//! | outlet - (lead may open lowercase) | `KOMPAS.com - iPhone 15 …` | kompas.com tech news |
//! | brand that is not a domain | `KABARNUSA English – ` | gen-corpus English outlets |
//! | CITY, outlet - | `JAKARTA, KOMPAS.com - `, `SURABAYA, SUARAPAGI.id - ` | kompas.com; gen-corpus |
//! | City, Outlet -- | `Jakarta, CNN Indonesia -- `, `Medan, Lintas24 -- ` | cnnindonesia.com; gen-corpus |
//! | Outlet, City - | `Liputan6.com, Jakarta - `, `TEMPO.CO, Jakarta - `, `Warta7.com, Bandung - ` | liputan6.com, tempo.co; gen-corpus |
//! | OUTLET, CITY — | `JURNALTIMUR.CO.ID, MAKASSAR — `, `REPUBLIKA.CO.ID, JAKARTA -- ` | gen-corpus; republika.co.id |
//! | CITY (AGENCY) - | `JAKARTA (Reuters) - `, `Jakarta (ANTARA) - `, `JAKARTA (KBN) - ` | Reuters, Antara; gen-corpus |
//! | CITY (AGENCY) — | `WASHINGTON (AP) — ` | Associated Press |
//! | CITY, date (AGENCY) - | `TANGERANG, November 28 (Nusa Wire) - `, `NEW YORK, Dec. 9 (Reuters) - ` | gen-corpus; Reuters |
//! | CITY, region (AGENCY) - | `BEIRUT, Lebanon (AP) — ` | Associated Press |
//! | (AGENCY) -- | `(Bloomberg) -- ` | Bloomberg |
//! | City (date) - | `Jakarta (9/12) - ` | regional Indonesian papers |
//! | CITY, date - | `JAKARTA, 9 Desember 2016 - ` | regional Indonesian papers |
//! | City — (city only) | `Ambon — `, `Jakarta - ` | gen-corpus (The Equator Daily); detik.com |
//! | OUTLET - CITY. | `KONTAN.CO.ID - JAKARTA. ` | kontan.co.id |
//! | CITY, Country — (no outlet) | `SYDNEY, Australia — ` | Associated Press, Reuters |
//! | (AGENCY/AGENCY) - | `Washington (ANTARA/Reuters) - ` (the first agency) | antaranews.com |
//! | dateline in bold | `**JAKARTA** - ` | Markdown bodies |
//!
//! Dashes: `-` and `--` need white space on both sides (a `)` may stand before them), so that
//! "anak-anak" is a word; `–`, `—`, `―` need white space on one side. White space includes the
//! no-break space. The dash must come within the first [`MAX_SCAN`] characters of the first line.
//!
//! Telling a place from an outlet is judgement, made segment by segment (the head is split at
//! commas; date segments such as "November 28" are set aside):
//!
//! - an outlet: a name the built-in registry knows, a domain ("Warta7.com"), or a name with the
//!   shape of an outlet ([`outlet_shaped`]: "Lintas24", "Archipelago Post", "KABARNUSA English");
//! - a place: a city of [`PLACES`] (Indonesian cities and the world's dateline cities, in both
//!   languages) or a country of [`COUNTRIES`], else a name in capitals of five letters or more
//!   ("SLEMAN"; "KPK" and "DPR" are institutions).
//!
//! [`parse`] judges names with the built-in registry; [`parse_with`] takes a registry, so that the
//! user's own outlets count as known.
//!
//! Refused, because they are prose and not datelines: a head longer than [`MAX_HEAD_WORDS`] words
//! or [`MAX_HEAD_CHARS`] characters; a head with quotes, `:`, `;`, `!` or `?`; a head with a
//! function word or a title ("Presiden - yang …", "Namun, Menteri - …"); a lone Title-case word
//! that is not a known place; a place without an outlet when the lead opens in lowercase
//! ("Jakarta — the capital …"); a country alone ("Indonesia - Malaysia kembali bertemu"); an
//! unknown tag with a Title-case place ("PT Pertamina (Persero) - "), or one that spells out the
//! place ("KPK (Komisi Pemberantasan Korupsi) - "); a word with digits that is not a brand
//! ("COVID-19 - "); a paragraph that opens with a dash (a list item).

use std::collections::HashSet;
use std::sync::LazyLock;

use super::outlets::{Outlets, looks_like_domain, outlet_shaped};

/// The dateline that opens a lead paragraph.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dateline {
    /// The outlet as written ("VIVA.co.id", "KOMPAS.com", "Reuters").
    pub outlet: Option<String>,
    /// The place as written ("JAKARTA").
    pub place: Option<String>,
    /// Byte offset in the paragraph where the text after the dateline starts.
    pub end: usize,
}

/// How far into the paragraph the dash may be, in characters.
pub const MAX_SCAN: usize = 90;
/// The longest head (the text before the dash), in characters.
pub const MAX_HEAD_CHARS: usize = 64;
/// The most words in a head ("TANGERANG, November 28 (Nusa Wire)" has 5).
pub const MAX_HEAD_WORDS: usize = 8;

static BUILTIN: LazyLock<Outlets> = LazyLock::new(Outlets::builtin);

/// Reads the dateline at the start of a paragraph, if it has one, judging names with the
/// built-in outlet registry.
pub fn parse(paragraph: &str) -> Option<Dateline> {
    parse_with(paragraph, &BUILTIN)
}

/// Reads the dateline at the start of a paragraph, judging names with the given registry (one
/// with the user's own outlets added knows more names).
pub fn parse_with(paragraph: &str, outlets: &Outlets) -> Option<Dateline> {
    let body = paragraph.trim_start_matches(|c: char| c.is_whitespace() || c == '\u{feff}');
    let start = paragraph.len() - body.len();
    let (head_end, mut end) = separator(body)?;
    let head = body.get(..head_end)?;
    end += start;
    let lead = paragraph.get(end..)?;
    let (outlet, mut place) = classify(head, lead, outlets)?;
    if outlet.is_some()
        && place.is_none()
        && let Some((city, skip)) = trailing_city(lead)
    {
        place = Some(city.to_string());
        end += skip;
    }
    Some(Dateline { outlet, place, end })
}

/// Characters that make a dash.
fn is_dash(c: char) -> bool {
    matches!(c, '-' | '\u{2010}' | '\u{2011}' | '\u{2012}' | '–' | '—' | '―' | '\u{2212}')
}

/// The first dateline dash: (byte offset where it starts, byte offset after it and the white
/// space that follows). Offsets are in `text`.
fn separator(text: &str) -> Option<(usize, usize)> {
    let mut chars = text.char_indices().peekable();
    let mut prev: Option<char> = None;
    let mut seen = 0;
    while let Some((i, c)) = chars.next() {
        seen += 1;
        if seen > MAX_SCAN || c == '\n' || c == '\r' {
            return None;
        }
        if !is_dash(c) {
            prev = Some(c);
            continue;
        }
        let mut after = i + c.len_utf8();
        let mut ascii = c == '-';
        let mut run = 1;
        let mut last = c;
        while let Some(&(k, d)) = chars.peek() {
            if !is_dash(d) {
                break;
            }
            after = k + d.len_utf8();
            ascii &= d == '-';
            run += 1;
            last = d;
            chars.next();
        }
        let rest = text.get(after..).unwrap_or("");
        let before_ok = prev.is_some_and(|p| p.is_whitespace() || p == ')');
        let after_ok = rest.chars().next().is_none_or(char::is_whitespace);
        let is_separator = if ascii { before_ok && after_ok } else { before_ok || after_ok };
        if is_separator && run <= 3 {
            let skipped = rest.len() - rest.trim_start().len();
            return Some((i, after + skipped));
        }
        prev = Some(last);
    }
    None
}

/// The outlet and place a head names, or `None` when the head is prose.
fn classify(head: &str, lead: &str, outlets: &Outlets) -> Option<(Option<String>, Option<String>)> {
    let head = head.trim().trim_matches(|c| c == '*' || c == '_').trim();
    if head.is_empty()
        || head.chars().count() > MAX_HEAD_CHARS
        || head.split_whitespace().count() > MAX_HEAD_WORDS
        || head.contains(['"', '“', '”', '„', ':', ';', '!', '?', '…', '\''])
    {
        return None;
    }
    if head.ends_with(')') {
        return wire(head, lead, outlets);
    }
    let segments: Vec<&str> = head.split(',').map(str::trim).collect();
    if segments.len() > 3 || segments.iter().any(|s| s.is_empty()) {
        return None;
    }
    let named: Vec<&str> = segments.iter().copied().filter(|s| !date_like(s)).collect();
    match named.as_slice() {
        [one] => single(one, lead, outlets),
        [a, b] => pair(a, b, outlets),
        _ => None,
    }
}

/// "CITY (AGENCY)", "CITY, date (AGENCY)", "(AGENCY)" and "City (date)".
fn wire(head: &str, lead: &str, outlets: &Outlets) -> Option<(Option<String>, Option<String>)> {
    let open = head.rfind('(')?;
    let tag = head.get(open + 1..head.len() - 1)?.trim();
    let before = head.get(..open)?.trim().trim_end_matches(',').trim();
    if tag.is_empty() || tag.contains(['(', ')']) || before.contains(['(', ')']) {
        return None;
    }
    let outlet = if date_like(tag) {
        None
    } else {
        // "(ANTARA/Reuters)": the first agency.
        let first = tag.split('/').next().unwrap_or(tag).trim();
        let known = outlets.resolve(first).is_some();
        let words = first.split_whitespace().count();
        if !known && (words > 4 || !name_shaped(first) || has_stopword(first)) {
            return None;
        }
        Some(first.to_string())
    };
    if before.is_empty() {
        return outlet.map(|o| (Some(o), None));
    }
    let mut segments = before.split(',').map(str::trim);
    let place = segments.next()?;
    // A known agency vouches for a Title-case place; an unknown tag needs a known or capitalized
    // place, and must not spell out the place ("KPK (Komisi Pemberantasan Korupsi)").
    let known_tag = outlet.as_deref().is_some_and(|o| outlets.resolve(o).is_some());
    let floor = if known_tag { 1 } else { 2 };
    if place_score(place, outlets) < floor {
        return None;
    }
    if let Some(tag) = outlet.as_deref()
        && (acronym_of(place, tag) || acronym_of(tag, place))
    {
        return None;
    }
    if !known_tag && !is_place(place) && starts_lowercase(lead) {
        return None;
    }
    if !segments.all(|s| date_like(s) || place_score(s, outlets) >= 1) {
        return None;
    }
    if outlet.is_none() && starts_lowercase(lead) {
        return None;
    }
    Some((outlet, Some(place.to_string())))
}

/// Whether `short` is the initials of `long` ("KPK", "Komisi Pemberantasan Korupsi").
fn acronym_of(short: &str, long: &str) -> bool {
    let words: Vec<&str> = long.split_whitespace().collect();
    let letters: String =
        short.chars().filter(|c| c.is_alphabetic()).flat_map(char::to_lowercase).collect();
    let initials: String =
        words.iter().filter_map(|w| w.chars().next()).flat_map(char::to_lowercase).collect();
    words.len() >= 2 && letters == initials
}

/// A head with one name: an outlet ("VIVA.co.id") or a place ("Ambon").
fn single(name: &str, lead: &str, outlets: &Outlets) -> Option<(Option<String>, Option<String>)> {
    let (o, p) = (outlet_score(name, outlets), place_score(name, outlets));
    if o >= 2 && o >= p {
        Some((Some(name.to_string()), None))
    } else if p >= 2 && !is_country(name) && !starts_lowercase(lead) {
        Some((None, Some(name.to_string())))
    } else {
        None
    }
}

/// A head with two names, in either order: "JAKARTA, KOMPAS.com" or "Liputan6.com, Jakarta".
fn pair(a: &str, b: &str, outlets: &Outlets) -> Option<(Option<String>, Option<String>)> {
    let score = |place: &str, outlet: &str| {
        let (p, o) = (place_score(place, outlets), outlet_score(outlet, outlets));
        (p >= 1 && o >= 1 && p + o >= 3).then_some(p + o)
    };
    // "SYDNEY, Australia": a city and its country, no outlet.
    if place_score(a, outlets) >= 2 && is_place(b) {
        return Some((None, Some(a.to_string())));
    }
    let place_first = score(a, b);
    let outlet_first = score(b, a);
    match (place_first, outlet_first) {
        (Some(x), Some(y)) if y > x => Some((Some(a.to_string()), Some(b.to_string()))),
        (Some(_), _) => Some((Some(b.to_string()), Some(a.to_string()))),
        (None, Some(_)) => Some((Some(a.to_string()), Some(b.to_string()))),
        (None, None) => None,
    }
}

/// How much a name looks like an outlet: 3 known or a domain, 2 outlet-shaped, 1 a name, 0 not.
fn outlet_score(name: &str, outlets: &Outlets) -> u8 {
    if outlets.resolve(name).is_some() || (!name.contains(' ') && looks_like_domain(name)) {
        3
    } else if is_place(name) || has_stopword(name) || !name_shaped(name) {
        0
    } else if outlet_shaped(name) {
        2
    } else {
        1
    }
}

/// How much a name looks like a place: 3 a known place, 2 a short name in capitals, 1 a short
/// Title-case name, 0 not a place.
fn place_score(name: &str, outlets: &Outlets) -> u8 {
    if is_place(name) {
        return 3;
    }
    let words = name.split_whitespace().count();
    if outlets.resolve(name).is_some()
        || looks_like_domain(name)
        || has_stopword(name)
        || !name_shaped(name)
        || words > 3
        || name.chars().any(|c| c.is_ascii_digit())
    {
        0
    } else if name.chars().filter(|c| c.is_alphabetic()).count() >= 5
        && !name.chars().any(char::is_lowercase)
    {
        // Shorter words in capitals are acronyms of institutions ("KPK", "DPR"), not places.
        2
    } else {
        1
    }
}

/// "KONTAN.CO.ID - JAKARTA. Harga …": a known city in capitals, closed by a period, right after
/// an outlet-only dateline. Returns the city and the bytes to skip.
fn trailing_city(lead: &str) -> Option<(&str, usize)> {
    let dot = lead.get(..lead.len().min(32))?.find('.')?;
    let city = lead.get(..dot)?;
    let rest = lead.get(dot + 1..)?;
    let followed = rest.chars().next().is_some_and(char::is_whitespace);
    if !followed || city.chars().any(char::is_lowercase) || !is_place(city) {
        return None;
    }
    let skipped = rest.len() - rest.trim_start().len();
    Some((city, dot + 1 + skipped))
}

/// Whether the text opens with a lowercase letter.
fn starts_lowercase(text: &str) -> bool {
    text.chars().next().is_some_and(char::is_lowercase)
}

/// Words that may stand in lowercase inside a name ("The Times of India", "Rio de Janeiro").
#[rustfmt::skip]
pub(crate) const CONNECTORS: &[&str] = &[
    "of", "de", "da", "do", "del", "al", "el", "la", "le", "van", "der", "von", "du", "bin", "and",
    "&",
];

/// Whether every word opens with a capital or a digit (connectors aside) and holds only letters,
/// digits and `.-'’&`.
pub(crate) fn name_shaped(name: &str) -> bool {
    let mut words = name.split_whitespace().peekable();
    if words.peek().is_none() {
        return false;
    }
    words.enumerate().all(|(i, w)| {
        let lower = w.to_lowercase();
        let connector = i > 0 && CONNECTORS.contains(&lower.as_str());
        let chars_ok =
            w.chars().all(|c| c.is_alphanumeric() || matches!(c, '.' | '-' | '\'' | '’' | '&'));
        let opens = w.chars().next().is_some_and(|c| c.is_uppercase() || c.is_ascii_digit());
        chars_ok && (opens || connector)
    })
}

/// Function words, titles and page furniture: a name holding one is prose, not a dateline.
#[rustfmt::skip]
const STOPWORDS: &[&str] = &[
    // Indonesian function words.
    "yang", "dan", "di", "ke", "dari", "pada", "untuk", "dengan", "dalam", "oleh", "itu", "ini",
    "namun", "tetapi", "tapi", "sementara", "sedangkan", "selain", "menurut", "kata", "ujar", "ia",
    "dia", "beliau", "mereka", "kami", "kita", "saya", "aku", "anda", "kamu", "bahwa", "juga",
    "pun", "tak", "tidak", "bukan", "ada", "para", "sang", "si", "jika", "kalau", "saat", "ketika",
    "setelah", "sebelum", "sejak", "hingga", "sampai", "karena", "sebab", "agar", "maka", "lalu",
    "kemudian", "bahkan", "adapun", "yakni", "yaitu", "seperti", "selama", "tersebut", "akan",
    "telah", "sudah", "masih", "bisa", "dapat", "harus", "hal", "pihak", "sebuah", "seorang",
    "sejumlah", "beberapa", "banyak", "semua", "setiap",
    // Indonesian titles and roles.
    "presiden", "wakil", "menteri", "gubernur", "bupati", "walikota", "wali", "ketua", "kepala",
    "direktur", "dirut", "juru", "jubir", "kapolri", "kapolda", "kapolres", "panglima", "jenderal",
    "duta", "sekretaris", "anggota", "pejabat", "warga", "polisi", "bapak", "ibu", "pak", "bu",
    "kementerian", "pemerintah",
    // English function words and titles.
    "a", "an", "but", "or", "if", "when", "while", "after", "before", "as", "at", "in", "on", "for",
    "to", "by", "with", "from", "he", "she", "it", "they", "we", "i", "you", "this", "that",
    "these", "those", "his", "her", "their", "our", "however", "meanwhile", "said", "says",
    "according", "president", "minister", "governor", "mayor", "chairman", "spokesman",
    "spokesperson", "officials", "official", "police", "mr", "mrs", "ms", "dr", "prof", "sir",
    // Page furniture.
    "baca", "lihat", "foto", "video", "update", "breaking", "penting", "info", "catatan", "editor",
    "penulis", "reporter", "laporan", "sumber", "keterangan", "photo", "reporting", "editing",
    "source", "caption", "advertisement", "iklan", "rp",
];

static STOPWORD_SET: LazyLock<HashSet<&'static str>> =
    LazyLock::new(|| STOPWORDS.iter().copied().collect());

/// Whether a word (any case, surrounding punctuation ignored) is a function word or a title.
pub(crate) fn is_stopword(word: &str) -> bool {
    let w = word.trim_matches(|c: char| !c.is_alphanumeric()).to_lowercase();
    STOPWORD_SET.contains(w.as_str())
}

fn has_stopword(name: &str) -> bool {
    name.split_whitespace().any(is_stopword)
}

/// Places met in datelines, lowercase: Indonesian cities and regencies (by province, west to
/// east), then the world's dateline cities and the countries, in Indonesian and English spellings.
#[rustfmt::skip]
pub const PLACES: &[&str] = &[
    // Jakarta, Banten, West Java.
    "jakarta", "jakarta pusat", "jakarta utara", "jakarta barat", "jakarta selatan",
    "jakarta timur", "kepulauan seribu", "bogor", "depok", "tangerang", "tangerang selatan",
    "tangsel", "bekasi", "serang", "cilegon", "pandeglang", "lebak", "bandung", "bandung barat",
    "cimahi", "sumedang", "garut", "tasikmalaya", "ciamis", "pangandaran", "banjar", "cianjur",
    "sukabumi", "karawang", "purwakarta", "subang", "indramayu", "cirebon", "kuningan",
    "majalengka",
    // Central Java, Yogyakarta.
    "semarang", "solo", "surakarta", "yogyakarta", "jogja", "yogya", "jogjakarta", "sleman",
    "bantul", "kulon progo", "gunungkidul", "gunung kidul", "magelang", "klaten", "boyolali",
    "sukoharjo", "karanganyar", "sragen", "wonogiri", "salatiga", "kudus", "pati", "jepara",
    "rembang", "blora", "demak", "kendal", "batang", "pekalongan", "pemalang", "tegal", "brebes",
    "banyumas", "purwokerto", "cilacap", "purbalingga", "banjarnegara", "wonosobo", "temanggung",
    "kebumen", "purworejo", "grobogan",
    // East Java.
    "surabaya", "sidoarjo", "gresik", "lamongan", "tuban", "bojonegoro", "mojokerto", "jombang",
    "kediri", "blitar", "tulungagung", "trenggalek", "madiun", "ponorogo", "pacitan", "ngawi",
    "magetan", "nganjuk", "malang", "batu", "pasuruan", "probolinggo", "lumajang", "jember",
    "bondowoso", "situbondo", "banyuwangi", "bangkalan", "sampang", "pamekasan", "sumenep",
    "madura",
    // Sumatra and islands.
    "banda aceh", "aceh", "lhokseumawe", "langsa", "sabang", "meulaboh", "medan", "binjai",
    "deli serdang", "pematangsiantar", "siantar", "tebing tinggi", "sibolga", "padangsidimpuan",
    "samosir", "nias", "padang", "bukittinggi", "payakumbuh", "solok", "pariaman", "pekanbaru",
    "dumai", "batam", "tanjungpinang", "tanjung pinang", "bintan", "karimun", "natuna", "jambi",
    "palembang", "prabumulih", "lubuklinggau", "bengkulu", "bandar lampung", "lampung",
    "pangkalpinang", "pangkal pinang", "belitung", "bangka",
    // Kalimantan.
    "pontianak", "singkawang", "ketapang", "sintang", "palangka raya", "palangkaraya", "sampit",
    "banjarmasin", "banjarbaru", "martapura", "samarinda", "balikpapan", "bontang", "tenggarong",
    "kutai kartanegara", "penajam", "tarakan", "tanjung selor", "nunukan",
    // Sulawesi.
    "makassar", "gowa", "maros", "parepare", "bone", "palopo", "manado", "bitung", "tomohon",
    "gorontalo", "palu", "poso", "donggala", "kendari", "baubau", "kolaka", "mamuju",
    // Bali and Nusa Tenggara.
    "bali", "denpasar", "badung", "gianyar", "tabanan", "buleleng", "singaraja", "karangasem",
    "klungkung", "kuta", "ubud", "mataram", "lombok", "bima", "sumbawa", "kupang", "ende",
    "maumere", "labuan bajo", "atambua",
    // Maluku and Papua.
    "ambon", "tual", "ternate", "tidore", "sofifi", "jayapura", "sorong", "manokwari", "merauke",
    "timika", "mimika", "wamena", "nabire", "biak", "fakfak", "kaimana", "papua", "maluku",
    // Indonesian provinces often used alone.
    "riau", "banten", "jawa barat", "jawa tengah", "jawa timur", "sumatera utara", "sumatera barat",
    "sumatera selatan", "kalimantan", "sulawesi", "sulawesi selatan", "ntt", "ntb",
    // The world's dateline cities (both spellings where Indonesian differs).
    "washington", "washington d.c.", "new york", "los angeles", "san francisco", "chicago",
    "boston", "houston", "miami", "united nations", "london", "paris", "berlin", "brussels",
    "brussel", "jenewa", "geneva", "wina", "vienna", "roma", "rome", "vatikan", "vatican city",
    "madrid", "barcelona", "lisbon", "amsterdam", "den haag", "the hague", "stockholm", "oslo",
    "kopenhagen", "copenhagen", "helsinki", "warsawa", "warsaw", "praha", "prague", "budapest",
    "athena", "athens", "ankara", "istanbul", "moskow", "moscow", "kiev", "kyiv", "kharkiv",
    "odesa", "minsk", "teheran", "tehran", "baghdad", "bagdad", "damaskus", "damascus", "aleppo",
    "beirut", "amman", "yerusalem", "jerusalem", "tel aviv", "gaza", "ramallah", "kairo", "cairo",
    "riyadh", "jeddah", "mekkah", "makkah", "mecca", "madinah", "medina", "doha", "dubai",
    "abu dhabi", "sanaa", "muscat", "manama", "kabul", "islamabad", "karachi", "lahore",
    "new delhi", "mumbai", "kolkata", "dhaka", "kathmandu", "colombo", "beijing", "shanghai",
    "hong kong", "taipei", "tokyo", "osaka", "seoul", "pyongyang", "ulaanbaatar", "manila",
    "bangkok", "hanoi", "ho chi minh city", "phnom penh", "vientiane", "yangon", "naypyidaw",
    "kuala lumpur", "putrajaya", "singapura", "singapore", "bandar seri begawan", "dili",
    "port moresby", "canberra", "sydney", "melbourne", "perth", "brisbane", "darwin", "wellington",
    "auckland", "ottawa", "toronto", "vancouver", "montreal", "mexico city", "havana", "caracas",
    "bogota", "lima", "santiago", "buenos aires", "brasilia", "rio de janeiro", "sao paulo",
    "nairobi", "addis ababa", "johannesburg", "cape town", "pretoria", "lagos", "abuja", "khartoum",
    "tripoli", "tunis", "algiers", "rabat", "davos", "strasbourg",
];

/// Countries, in Indonesian and English: places in "SYDNEY, Australia —", never a dateline alone
/// ("Indonesia - Malaysia kembali bertemu" is a match report).
#[rustfmt::skip]
pub const COUNTRIES: &[&str] = &[
    "indonesia", "malaysia", "filipina", "philippines", "thailand", "vietnam", "kamboja",
    "cambodia", "laos", "myanmar", "brunei", "timor leste", "australia", "selandia baru",
    "new zealand", "jepang", "japan", "china", "tiongkok", "korea selatan", "south korea",
    "korea utara", "north korea", "taiwan", "india", "pakistan", "bangladesh", "sri lanka", "nepal",
    "afghanistan", "iran", "irak", "iraq", "suriah", "syria", "lebanon", "libanon", "yordania",
    "jordan", "israel", "palestina", "palestine", "arab saudi", "saudi arabia", "qatar", "kuwait",
    "bahrain", "oman", "yaman", "yemen", "uni emirat arab", "united arab emirates", "turki",
    "turkey", "turkiye", "mesir", "egypt", "libya", "tunisia", "aljazair", "algeria", "maroko",
    "morocco", "sudan", "ethiopia", "kenya", "nigeria", "afrika selatan", "south africa", "rusia",
    "russia", "ukraina", "ukraine", "belarus", "polandia", "poland", "jerman", "germany", "prancis",
    "perancis", "france", "inggris", "britain", "united kingdom", "irlandia", "ireland", "belanda",
    "netherlands", "belgia", "belgium", "swiss", "switzerland", "austria", "italia", "italy",
    "spanyol", "spain", "portugal", "yunani", "greece", "swedia", "sweden", "norwegia", "norway",
    "denmark", "finlandia", "finland", "amerika serikat", "united states", "amerika", "america",
    "kanada", "canada", "meksiko", "mexico", "brasil", "brazil", "argentina", "chile", "kolombia",
    "colombia", "venezuela", "kuba", "cuba", "peru",
];

static PLACE_SET: LazyLock<HashSet<&'static str>> =
    LazyLock::new(|| PLACES.iter().chain(COUNTRIES.iter()).copied().collect());

static COUNTRY_SET: LazyLock<HashSet<&'static str>> =
    LazyLock::new(|| COUNTRIES.iter().copied().collect());

/// Whether a name is a known place ("JAKARTA", "Kota Bandung", "New York", "Suriah"), ignoring
/// case.
pub fn is_place(name: &str) -> bool {
    place_key(name).is_some_and(|k| PLACE_SET.contains(k.as_str()))
}

/// Whether a name is a known country ("Suriah", "United States").
fn is_country(name: &str) -> bool {
    place_key(name).is_some_and(|k| COUNTRY_SET.contains(k.as_str()))
}

/// The lookup form of a place name: lowercase, single-spaced, without "Kota"/"Kabupaten" and a
/// final period.
fn place_key(name: &str) -> Option<String> {
    let mut lower = String::with_capacity(name.len());
    for word in name.split_whitespace() {
        if !lower.is_empty() {
            lower.push(' ');
        }
        lower.extend(word.chars().flat_map(char::to_lowercase));
    }
    let lower = lower.trim_matches(|c: char| !c.is_alphanumeric() && c != '.');
    let bare = ["kota ", "kabupaten ", "kab. ", "city of "]
        .iter()
        .find_map(|p| lower.strip_prefix(p))
        .unwrap_or(lower);
    if PLACE_SET.contains(bare) {
        return Some(bare.to_string());
    }
    let bare = bare.trim_end_matches('.');
    (!bare.is_empty()).then(|| bare.to_string())
}

/// Month and weekday words of dates inside datelines ("November 28", "9 Desember 2016",
/// "Dec. 9"), lowercase.
#[rustfmt::skip]
const DATE_WORDS: &[&str] = &[
    "januari", "februari", "maret", "april", "mei", "juni", "juli", "agustus", "september",
    "oktober", "november", "desember", "jan", "feb", "mar", "apr", "jun", "jul", "agu", "agt",
    "ags", "sep", "sept", "okt", "nov", "des", "january", "february", "march", "may", "june",
    "july", "august", "october", "december", "aug", "oct", "dec", "senin", "selasa", "rabu",
    "kamis", "jumat", "sabtu", "minggu", "monday", "tuesday", "wednesday", "thursday", "friday",
    "saturday", "sunday", "mon", "tue", "wed", "thu", "fri", "sat", "sun",
];

/// Whether a word is a month or weekday name ("Senin", "Dec.").
pub(crate) fn is_date_word(word: &str) -> bool {
    let w = word.trim_end_matches(['.', ',']).to_lowercase();
    DATE_WORDS.contains(&w.as_str())
}

/// Whether a segment is a date: month or weekday words and numbers ("November 28",
/// "9/12/2016"), with at least one digit.
fn date_like(segment: &str) -> bool {
    let mut digit = false;
    let all = segment.split_whitespace().all(|w| {
        let w = w.trim_end_matches(['.', ',']);
        if !w.is_empty() && w.chars().all(|c| c.is_ascii_digit() || c == '/' || c == '-') {
            digit |= w.chars().any(|c| c.is_ascii_digit());
            return w.chars().filter(|c| c.is_ascii_digit()).count() <= 8;
        }
        DATE_WORDS.contains(&w.to_lowercase().as_str())
    });
    all && digit
}

#[cfg(test)]
mod tests {
    use super::*;

    /// (paragraph, expected (outlet, place, text after the dateline) or None).
    type Case = (&'static str, Option<(Option<&'static str>, Option<&'static str>, &'static str)>);

    #[test]
    fn datelines() {
        #[rustfmt::skip]
        let cases: &[Case] = &[
            // Outlet first.
            ("VIVA.co.id\u{a0}– Sekitar 8.500 warga", Some((Some("VIVA.co.id"), None, "Sekitar 8.500 warga"))),
            ("VIVA.co.id – Sekitar", Some((Some("VIVA.co.id"), None, "Sekitar"))),
            ("KABARNUSA.co.id – Warga kota", Some((Some("KABARNUSA.co.id"), None, "Warga kota"))),
            ("BeritaKita.net\u{a0}– Pemerintah", Some((Some("BeritaKita.net"), None, "Pemerintah"))),
            ("KOMPAS.com - iPhone 15 resmi", Some((Some("KOMPAS.com"), None, "iPhone 15 resmi"))),
            ("Suara.com - Harga beras", Some((Some("Suara.com"), None, "Harga beras"))),
            ("KABARNUSA English – The city", Some((Some("KABARNUSA English"), None, "The city"))),
            ("(Bloomberg) -- Stocks fell", Some((Some("Bloomberg"), None, "Stocks fell"))),
            // City, outlet.
            ("JAKARTA, KOMPAS.com - Presiden", Some((Some("KOMPAS.com"), Some("JAKARTA"), "Presiden"))),
            ("SURABAYA, SUARAPAGI.id - Warga", Some((Some("SUARAPAGI.id"), Some("SURABAYA"), "Warga"))),
            ("BANDUNG, HARIANSENJA.com - Dinas", Some((Some("HARIANSENJA.com"), Some("BANDUNG"), "Dinas"))),
            ("Jakarta, CNN Indonesia -- Badan", Some((Some("CNN Indonesia"), Some("Jakarta"), "Badan"))),
            ("Medan, Lintas24 -- Polisi", Some((Some("Lintas24"), Some("Medan"), "Polisi"))),
            ("Sleman, IDN Times - Warga", Some((Some("IDN Times"), Some("Sleman"), "Warga"))),
            ("BANTUL, Radar Jogja - Warga", Some((Some("Radar Jogja"), Some("BANTUL"), "Warga"))),
            // Outlet, city.
            ("Liputan6.com, Jakarta - Presiden", Some((Some("Liputan6.com"), Some("Jakarta"), "Presiden"))),
            ("TEMPO.CO, Jakarta - Komisi", Some((Some("TEMPO.CO"), Some("Jakarta"), "Komisi"))),
            ("Warta7.com, Bandung - Harga", Some((Some("Warta7.com"), Some("Bandung"), "Harga"))),
            ("JURNALTIMUR.CO.ID, MAKASSAR — Warga", Some((Some("JURNALTIMUR.CO.ID"), Some("MAKASSAR"), "Warga"))),
            ("REPUBLIKA.CO.ID, JAKARTA -- Menteri", Some((Some("REPUBLIKA.CO.ID"), Some("JAKARTA"), "Menteri"))),
            ("KONTAN.CO.ID - JAKARTA. Harga emas", Some((Some("KONTAN.CO.ID"), Some("JAKARTA"), "Harga emas"))),
            // Wire.
            ("JAKARTA (Reuters) - Indonesia", Some((Some("Reuters"), Some("JAKARTA"), "Indonesia"))),
            ("WASHINGTON (AP) — The Senate", Some((Some("AP"), Some("WASHINGTON"), "The Senate"))),
            ("Jakarta (ANTARA) - Presiden", Some((Some("ANTARA"), Some("Jakarta"), "Presiden"))),
            ("JAKARTA (KBN) - Pemerintah", Some((Some("KBN"), Some("JAKARTA"), "Pemerintah"))),
            ("MEDAN (Archipelago Post) - The", Some((Some("Archipelago Post"), Some("MEDAN"), "The"))),
            ("TANGERANG, November 28 (Nusa Wire) - Police", Some((Some("Nusa Wire"), Some("TANGERANG"), "Police"))),
            ("NEW YORK, Dec. 9 (Reuters) - Oil", Some((Some("Reuters"), Some("NEW YORK"), "Oil"))),
            ("BEIRUT, Lebanon (AP) — Israeli", Some((Some("AP"), Some("BEIRUT"), "Israeli"))),
            ("UNITED NATIONS (Reuters) - The", Some((Some("Reuters"), Some("UNITED NATIONS"), "The"))),
            ("Jakarta (9/12) - Presiden", Some((None, Some("Jakarta"), "Presiden"))),
            // City only.
            ("Ambon — Hujan deras", Some((None, Some("Ambon"), "Hujan deras"))),
            ("Jakarta - Presiden Joko Widodo", Some((None, Some("Jakarta"), "Presiden Joko Widodo"))),
            ("SLEMAN - Warga", Some((None, Some("SLEMAN"), "Warga"))),
            ("JAKARTA, 9 Desember 2016 - Presiden", Some((None, Some("JAKARTA"), "Presiden"))),
            ("SYDNEY, Australia — Bushfires", Some((None, Some("SYDNEY"), "Bushfires"))),
            ("Kabul, Afghanistan (AP) — Taliban", Some((Some("AP"), Some("Kabul"), "Taliban"))),
            ("Washington (ANTARA/Reuters) - Harga", Some((Some("ANTARA"), Some("Washington"), "Harga"))),
            ("Jakarta, HanTer - Polisi", Some((Some("HanTer"), Some("Jakarta"), "Polisi"))),
            ("JAKARTA, investor.id - Saham", Some((Some("investor.id"), Some("JAKARTA"), "Saham"))),
            ("Bisnis.com, JAKARTA - Harga", Some((Some("Bisnis.com"), Some("JAKARTA"), "Harga"))),
            ("TRIBUNNEWS.COM, JAKARTA - Polisi", Some((Some("TRIBUNNEWS.COM"), Some("JAKARTA"), "Polisi"))),
            // Markup and white space around it.
            ("  \u{feff}**JAKARTA** - Presiden", Some((None, Some("JAKARTA"), "Presiden"))),
            // Not datelines.
            ("Presiden - yang baru dilantik - datang", None),
            ("Namun, Menteri - kata dia - menolak", None),
            ("Sementara itu, Presiden - yang", None),
            ("Jakarta — the capital — is sinking", None),
            ("Budi (45) - warga setempat", None),
            ("PT Pertamina (Persero) - melalui anak usahanya", None),
            ("KPK (Komisi Pemberantasan Korupsi) - Lembaga itu", None),
            ("Komisi Pemberantasan Korupsi (KPK) - Lembaga itu", None),
            ("KPK - Lembaga antirasuah itu", None),
            ("Joko Widodo - yang akrab disapa Jokowi - datang", None),
            ("COVID-19 - Penyakit itu menyebar", None),
            ("G20 - Pertemuan para menteri", None),
            ("Indonesia - Malaysia kembali bertemu", None),
            ("Real Madrid - Barcelona bermain imbang", None),
            ("- butir pertama", None),
            ("Anak-anak bermain di Jakarta", None),
            ("Tahun 2015–2016 harga naik", None),
            ("\"Kami - semua - setuju,\" kata Budi", None),
            ("Menurut Budi: Jakarta - kota", None),
            ("Warga Kota Bandung dan sekitarnya yang terdampak banjir pekan lalu - menurut data", None),
            ("Sebanyak 8.500 warga sipil di Aleppo, termasuk di antaranya 2.900 anak-anak", None),
            ("", None),
            ("VIVA.co.id", None),
        ];
        for (input, want) in cases {
            let got = parse(input).map(|d| {
                (
                    d.outlet.clone(),
                    d.place.clone(),
                    input.get(d.end..).unwrap_or("<bad end>").to_string(),
                )
            });
            let want = want.map(|(o, p, rest)| {
                (o.map(str::to_string), p.map(str::to_string), rest.to_string())
            });
            assert_eq!(got, want, "{input:?}");
        }
    }

    #[test]
    fn dateline_outlets_resolve_through_the_registry() {
        let outlets = Outlets::builtin();
        #[rustfmt::skip]
        let cases = [
            ("JAKARTA, KOMPAS.com - Presiden", "KOMPAS.com"),
            ("TEMPO.CO, Jakarta - Komisi", "TEMPO.CO"),
            ("Jakarta (ANTARA) - Presiden", "ANTARA"),
            ("WASHINGTON (AP) — The Senate", "Associated Press"),
            ("Jakarta, CNN Indonesia -- Badan", "CNN Indonesia"),
        ];
        for (input, want) in cases {
            let outlet = parse(input).and_then(|d| d.outlet);
            let name = outlet.as_deref().and_then(|o| outlets.resolve(o)).map(|o| o.name.as_str());
            assert_eq!(name, Some(want), "{input:?}");
        }
    }

    #[test]
    fn a_registry_with_the_users_outlets_knows_more() {
        let mut outlets = Outlets::builtin();
        outlets.add(super::super::outlets::Outlet {
            name: "Elshinta".into(),
            url: None,
            aliases: vec![],
        });
        let input = "Elshinta - Harga cabai naik";
        assert_eq!(parse(input), None);
        let got = parse_with(input, &outlets).map(|d| (d.outlet, d.place, d.end));
        assert_eq!(got, Some((Some("Elshinta".to_string()), None, 11)));
    }

    #[test]
    fn the_users_example() {
        let Ok(text) = std::fs::read_to_string("../shared/seeds/000_53a2c289ee57cd07.txt") else {
            return;
        };
        let lead = text.split("\n\n").find(|p| p.starts_with("VIVA")).unwrap_or("");
        let d = parse(lead);
        assert_eq!(d.as_ref().and_then(|d| d.outlet.as_deref()), Some("VIVA.co.id"));
        let rest = d.and_then(|d| lead.get(d.end..)).unwrap_or("");
        assert!(rest.starts_with("Sekitar 8.500"), "{rest:?}");
    }

    #[test]
    fn places_and_dates() {
        let places =
            [("JAKARTA", true), ("Kota Bandung", true), ("new york", true), ("Presiden", false)];
        for (name, want) in places {
            assert_eq!(is_place(name), want, "{name:?}");
        }
        let dates = [
            ("November 28", true),
            ("9/12", true),
            ("Dec. 9", true),
            ("Desember", false),
            ("Jakarta", false),
        ];
        for (text, want) in dates {
            assert_eq!(date_like(text), want, "{text:?}");
        }
    }

    /// Checks datelines, photo blocks and citations against a generated corpus and its manifest:
    ///
    /// ```text
    /// ../shared/tools/gen-corpus --out /tmp/c3k --count 3000 --manifest /tmp/c3k.truth.jsonl
    /// KABAR_CORPUS=/tmp/c3k cargo test --lib normalize::dateline::tests::corpus -- --ignored --nocapture
    /// ```
    ///
    /// The manifest is `KABAR_CORPUS_MANIFEST`, else `$KABAR_CORPUS.truth.jsonl`. The corpus's
    /// outlets are made up, so they are added to the registry the way a user would configure
    /// them; the figures without them are printed too.
    #[test]
    #[ignore = "needs a generated corpus in KABAR_CORPUS"]
    fn corpus() {
        use super::super::{citations, credits, outlets::Outlet};
        use std::collections::{BTreeMap, HashMap};

        let Ok(dir) = std::env::var("KABAR_CORPUS") else {
            eprintln!("skipped: KABAR_CORPUS is not set");
            return;
        };
        let manifest =
            std::env::var("KABAR_CORPUS_MANIFEST").unwrap_or(format!("{dir}.truth.jsonl"));
        let Ok(manifest) = std::fs::read_to_string(&manifest) else {
            panic!("cannot read the manifest `{manifest}`");
        };
        let builtin = Outlets::builtin();
        let mut registry = Outlets::builtin();
        for (name, aliases) in [
            ("KABARNUSA.co.id", vec![]),
            ("Warta7.com", vec![]),
            ("SUARAPAGI.id", vec![]),
            ("Lintas24", vec![]),
            ("HARIANSENJA.com", vec![]),
            ("JurnalTimur.co.id", vec![]),
            ("Kantor Berita Nusa", vec!["KBN".to_string()]),
            ("BeritaKita.net", vec![]),
            ("Archipelago Post", vec![]),
            ("Nusa Wire", vec![]),
            ("The Equator Daily", vec![]),
            ("KABARNUSA English", vec![]),
        ] {
            registry.add(Outlet { name: name.to_string(), url: None, aliases });
        }

        let mut files: HashMap<String, String> = HashMap::new();
        let mut read = |path: &str| -> String {
            files
                .entry(path.to_string())
                .or_insert_with(|| {
                    let text = std::fs::read_to_string(format!("{dir}/{path}")).unwrap_or_default();
                    text.trim_start_matches('\u{feff}').replace("\r\n", "\n")
                })
                .clone()
        };
        // style -> (hits, total); misses with examples.
        let mut styles: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
        let (mut hits, mut total, mut raw_hits, mut false_datelines, mut no_dateline) =
            (0, 0, 0, 0, 0);
        let (mut photo_hits, mut photo_total, mut photo_false, mut cited) = (0, 0, 0, 0);
        let mut misses: Vec<String> = Vec::new();
        let mut spent = [std::time::Duration::ZERO; 3];
        let mut articles = 0u32;
        for line in manifest.lines() {
            articles += 1;
            let Ok(truth) = serde_json::from_str::<serde_json::Value>(line) else { continue };
            let field = |k: &str| truth.get(k).and_then(|v| v.as_str()).map(str::to_string);
            let (Some(format), Some(path)) = (field("format"), field("path")) else { continue };
            let text = read(&path);
            // The body's blocks, and the one that should be a photo block.
            let (photo_block, blocks): (Option<String>, Vec<String>) = match format.as_str() {
                "jsonl" => {
                    let n = truth.get("line").and_then(|v| v.as_u64()).unwrap_or(1) as usize;
                    let obj: serde_json::Value =
                        serde_json::from_str(text.lines().nth(n - 1).unwrap_or("{}"))
                            .unwrap_or_default();
                    let content = obj.get("content").and_then(|v| v.as_str()).unwrap_or("");
                    (None, content.split("\n\n").map(str::to_string).collect())
                }
                "md" => {
                    let body = text.splitn(3, "---\n").nth(2).unwrap_or("");
                    let mut blocks: Vec<String> = body
                        .split("\n\n")
                        .map(|b| b.trim().to_string())
                        .filter(|b| !b.is_empty())
                        .collect();
                    let photo = blocks.first().filter(|b| b.starts_with("![")).cloned().map(|b| {
                        b.lines().filter(|l| !l.starts_with("![")).collect::<Vec<_>>().join("\n")
                    });
                    if photo.is_some() {
                        blocks.remove(0);
                    }
                    (photo, blocks)
                }
                _ => {
                    let mut blocks: Vec<String> = text
                        .split("\n\n")
                        .map(|b| b.trim_end().to_string())
                        .filter(|b| !b.is_empty())
                        .collect();
                    let header = blocks.first().is_some_and(|b| {
                        b.lines().all(|l| {
                            ["Tanggal:", "Kategori:", "Penulis:", "Date:", "Categories:", "Author:"]
                                .iter()
                                .any(|k| l.starts_with(k))
                        })
                    });
                    if header {
                        blocks.remove(0);
                    }
                    if !blocks.is_empty() {
                        blocks.remove(0); // the title
                    }
                    let photo =
                        blocks.first().filter(|b| credits::photo_block(b).is_some()).cloned();
                    if photo.is_some() {
                        blocks.remove(0);
                    }
                    (photo, blocks)
                }
            };
            // Photo credits.
            if let Some(credit) = field("photo_credit") {
                photo_total += 1;
                let got = photo_block.as_deref().and_then(credits::photo_block).map(|p| p.credits);
                if got.as_deref() == Some(std::slice::from_ref(&credit)) {
                    photo_hits += 1;
                } else if misses.len() < 40 {
                    misses.push(format!("photo {path}: {got:?} for `{credit}`"));
                }
            } else if photo_block.is_some() {
                photo_false += 1;
            }
            // Citations: the corpus cites no outlet in its prose.
            let prose = blocks.join("\n\n");
            let clock = std::time::Instant::now();
            let found = citations::find(&prose, &builtin);
            spent[1] += clock.elapsed();
            let clock = std::time::Instant::now();
            let _ = super::super::summary::summarize(&prose, 280);
            spent[2] += clock.elapsed();
            if !found.is_empty() {
                cited += 1;
                if misses.len() < 40 {
                    misses.push(format!("citation {path}: {found:?}"));
                }
            }
            // Datelines.
            let lead = blocks.first().map(String::as_str).unwrap_or("");
            let clock = std::time::Instant::now();
            let parsed = parse(lead);
            spent[0] += clock.elapsed();
            let Some(dateline) = field("dateline") else {
                no_dateline += 1;
                if parsed.is_some() {
                    false_datelines += 1;
                    if misses.len() < 40 {
                        misses.push(format!("false dateline {path}: {parsed:?} in {lead:.60}"));
                    }
                }
                continue;
            };
            let outlet = field("outlet").unwrap_or_default();
            let lower = dateline.to_lowercase();
            let names_outlet = lower.contains(&outlet.to_lowercase()) || dateline.contains('(');
            let style = if dateline.contains('(') && dateline.contains(',') {
                "CITY, date (TAG)"
            } else if dateline.contains('(') {
                "CITY (TAG)"
            } else if !names_outlet {
                "City only"
            } else if lower.starts_with(&outlet.to_lowercase()) {
                if dateline.contains(',') { "Outlet, City" } else { "Outlet" }
            } else {
                "City, Outlet"
            };
            total += 1;
            let entry = styles.entry(style).or_default();
            entry.1 += 1;
            let resolved = parsed
                .as_ref()
                .and_then(|d| d.outlet.as_deref())
                .and_then(|o| registry.resolve(o))
                .map(|o| o.name.clone());
            let raw = parsed.as_ref().and_then(|d| d.outlet.clone());
            let end_ok = parsed.as_ref().is_some_and(|d| d.end == dateline.len())
                && lead.starts_with(&dateline);
            let ok = end_ok
                && if names_outlet {
                    resolved.as_deref() == Some(outlet.as_str())
                } else {
                    raw.is_none() && parsed.as_ref().is_some_and(|d| d.place.is_some())
                };
            let raw_ok = end_ok
                && if names_outlet {
                    raw.as_deref().is_some_and(|r| r.eq_ignore_ascii_case(&outlet))
                } else {
                    raw.is_none()
                };
            if ok {
                hits += 1;
                entry.0 += 1;
            } else if misses.len() < 40 {
                misses.push(format!(
                    "dateline {path} [{style}]: {parsed:?} for {dateline:?} / {outlet}"
                ));
            }
            if raw_ok {
                raw_hits += 1;
            }
        }
        eprintln!("datelines: {hits} / {total} right (outlet resolved, place, end)");
        for (style, (h, t)) in &styles {
            eprintln!("  {style:<18} {h} / {t}");
        }
        eprintln!("  as written, builtin registry only: {raw_hits} / {total}");
        eprintln!("  leads without a dateline read as one: {false_datelines} / {no_dateline}");
        eprintln!(
            "photo credits: {photo_hits} / {photo_total}; photo blocks where there is none: {photo_false}"
        );
        eprintln!("articles with a citation (the corpus has none): {cited}");
        let per = |d: std::time::Duration| d.as_secs_f64() * 1e6 / f64::from(articles.max(1));
        eprintln!(
            "time per article: dateline {:.1} µs, citations {:.1} µs, summary of the whole body {:.1} µs",
            per(spent[0]),
            per(spent[1]),
            per(spent[2])
        );
        for m in &misses {
            eprintln!("  miss: {m}");
        }
        assert!(total > 0, "no article with a dateline in the manifest");
        assert!(hits * 100 >= total * 99, "datelines: {hits} / {total}");
        assert!(photo_hits * 100 >= photo_total * 99, "photos: {photo_hits} / {photo_total}");
        assert_eq!((false_datelines, photo_false, cited), (0, 0, 0));
    }

    proptest::proptest! {
        #[test]
        fn never_panics_and_end_is_a_boundary(s in "\\PC{0,80}") {
            if let Some(d) = parse(&s) {
                proptest::prop_assert!(s.is_char_boundary(d.end) && d.end <= s.len());
            }
        }

        #[test]
        fn never_panics_on_dateline_like_text(
            s in "[A-Za-z0-9 .,()\u{a0}–—-]{0,40}[ \u{a0}][-–—]{1,2} [A-Za-z ]{0,20}"
        ) {
            if let Some(d) = parse(&s) {
                proptest::prop_assert!(s.is_char_boundary(d.end));
            }
        }
    }
}
