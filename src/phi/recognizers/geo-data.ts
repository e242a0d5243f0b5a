/**
 * Word lists for the GEOGRAPHIC recognizer: US states and their postal codes, street suffixes, unit
 * designators, facility words and the three-digit ZIP prefixes that Safe Harbor does not let stand.
 */

export const STATES: Readonly<Record<string, string>> = {
  Alabama: "AL",
  Alaska: "AK",
  Arizona: "AZ",
  Arkansas: "AR",
  California: "CA",
  Colorado: "CO",
  Connecticut: "CT",
  Delaware: "DE",
  "District of Columbia": "DC",
  Florida: "FL",
  Georgia: "GA",
  Hawaii: "HI",
  Idaho: "ID",
  Illinois: "IL",
  Indiana: "IN",
  Iowa: "IA",
  Kansas: "KS",
  Kentucky: "KY",
  Louisiana: "LA",
  Maine: "ME",
  Maryland: "MD",
  Massachusetts: "MA",
  Michigan: "MI",
  Minnesota: "MN",
  Mississippi: "MS",
  Missouri: "MO",
  Montana: "MT",
  Nebraska: "NE",
  Nevada: "NV",
  "New Hampshire": "NH",
  "New Jersey": "NJ",
  "New Mexico": "NM",
  "New York": "NY",
  "North Carolina": "NC",
  "North Dakota": "ND",
  Ohio: "OH",
  Oklahoma: "OK",
  Oregon: "OR",
  Pennsylvania: "PA",
  "Puerto Rico": "PR",
  "Rhode Island": "RI",
  "South Carolina": "SC",
  "South Dakota": "SD",
  Tennessee: "TN",
  Texas: "TX",
  Utah: "UT",
  Vermont: "VT",
  Virginia: "VA",
  Washington: "WA",
  "West Virginia": "WV",
  Wisconsin: "WI",
  Wyoming: "WY",
  Guam: "GU",
  "Virgin Islands": "VI",
};

/**
 * Postal codes that are also clinical abbreviations or credentials ("Smith, MD", "Head, CT", "IV, PR",
 * "Spine, DO"): after "Word," without a ZIP they are only a weak sign of a place.
 */
export const AMBIGUOUS_STATE_CODES = new Set(
  "AL AR CO CT DC DE GA HI ID IN LA MA MD ME MO MS MT NC ND NE NM OH OK OR PA PR RI SC SD UT VA VI GU".split(
    " ",
  ),
);

/** Street suffixes (USPS abbreviations and full words), lower case, without the period. */
export const STREET_SUFFIXES = new Set(
  `street st avenue ave av road rd boulevard blvd lane ln drive dr court ct way place pl highway hwy parkway
  pkwy circle cir terrace ter trail trl square sq loop row pike turnpike tpke expressway expy freeway fwy
  alley aly crescent cres plaza plz point pt run path walk crossing xing cove cv heights hts ridge rdg
  park pk commons landing ldg glen grove grv hollow holw manor mnr meadow meadows mdws bend bnd view vw`.split(
    /\s+/,
  ),
);

/** Abbreviations whose period belongs to them: "123 Main St." */
export const STREET_ABBREVIATIONS = new Set(
  "st ave av rd blvd ln dr ct pl hwy pkwy cir ter trl sq tpke expy fwy aly cres plz pt xing cv hts rdg pk ldg grv holw mnr mdws bnd vw".split(
    " ",
  ),
);

/** Suffixes plain enough to count in lower-case dictation ("lives at 45 oak street"). */
export const FULL_STREET_WORDS = new Set(["street", "avenue", "road", "boulevard", "lane", "drive", "court"]);

/** Unit designators after a street: "Apt 4B", "Suite 200", "#12". */
export const UNIT_WORDS = new Set(
  "apt apartment suite ste unit fl floor bldg building rm room lot space trlr dept po".split(" "),
);

/** Words that may stand between the house number and the street name: "450 W 33rd St", "12 North Oak Rd". */
export const DIRECTIONS = new Set("n s e w ne nw se sw north south east west".split(" "));

/** Facility words that end a facility's proper name: "St. Mary's Hospital", "Mercy Clinic". */
export const FACILITY_WORDS = [
  "Hospital",
  "Clinic",
  "Medical Center",
  "Medical Centre",
  "Health Center",
  "Health Centre",
  "Health System",
  "Healthcare",
  "Infirmary",
  "Hospice",
  "Nursing Home",
  "Nursing Center",
  "Rehabilitation Center",
  "Rehabilitation Hospital",
  "Surgery Center",
  "Surgical Center",
  "Cancer Center",
  "Care Center",
  "Urgent Care",
  "Medical Group",
  "Memorial",
  "Sanitarium",
  "Sanatorium",
  "County",
  "Parish",
  "Borough",
  "Township",
];

/**
 * Descriptive words before a facility word: "the Pain Clinic", "Community Hospital", "Inpatient Psychiatric
 * Facility" name a kind of place, not a place. Lower case.
 */
export const GENERIC_PLACE_WORDS = new Set(
  `the a an our your their his her this that local nearest nearby community general regional county city state
  public private university teaching children's childrens women's womens veterans inpatient outpatient ambulatory
  psychiatric behavioral mental health medical surgical rehabilitation rehab emergency urgent primary specialty
  pain sleep wound dialysis cancer heart cardiology dental eye vision skin dermatology orthopedic ortho spine
  fertility family free walk-in walk retail student employee campus on-campus off-campus critical access rural
  urban skilled nursing memory care long-term term acute day night weekend same other another new old previous
  prior current home hospital clinic center care and of for with at in on to by from outside st assisted living
  facility house apartment shelter group independent senior`.split(/\s+/),
);

/**
 * Three-digit ZIP prefixes whose areas have 20,000 people or fewer (45 CFR 164.514(b)(2)(i)(B)): these must
 * become 000, so they are identifiers even alone.
 */
export const RESTRICTED_ZIP3 = new Set(
  "036 059 063 102 203 205 369 556 692 790 821 823 830 831 878 879 884 890 893".split(" "),
);
