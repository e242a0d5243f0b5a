/**
 * Words that are in the humannames list but are, in clinical and everyday text, something other than a
 * person: calendar words (DATE handles them), US states (Safe Harbor allows a state), places, institutions,
 * departments, clinical terms, drugs and organisms. A word here is a name only after a title or a name label.
 * Lower case, whitespace-separated.
 */
export const NOT_NAMES = `
january february march april may june july august september october november december
jan feb mar apr jun jul aug sep sept oct nov dec
monday tuesday wednesday thursday friday saturday sunday mon tue tues wed thu thur thurs fri sat sun
today tomorrow yesterday tonight morning evening night noon midnight spring summer autumn fall winter
christmas easter thanksgiving halloween hanukkah ramadan passover valentine
alabama alaska arizona arkansas california colorado connecticut delaware florida georgia hawaii idaho
illinois indiana iowa kansas kentucky louisiana maine maryland massachusetts michigan minnesota mississippi
missouri montana nebraska nevada hampshire jersey mexico york carolina dakota ohio oklahoma oregon
pennsylvania rhode island tennessee texas utah vermont virginia washington wisconsin wyoming columbia puerto
rico guam samoa america american americas canada europe asia africa australia
north south east west northern southern eastern western northeast northwest southeast southwest central
street avenue road drive lane court boulevard highway parkway place square terrace trail circle route
park lake river valley hill hills springs spring beach bay harbor harbour port fort mount mountain creek
ridge island islands county city town village state states national federal united union kingdom republic
saint st santa san los las el la le de del van von
hospital hospitals clinic clinics center centre medical memorial mercy providence baptist methodist
presbyterian lutheran adventist samaritan charity regional community university college school academy
institute foundation health healthcare system systems services service group associates partners network
general general's trinity sacred heart good hope children women
department unit ward floor room bay suite office lab labs laboratory pharmacy radiology pathology
emergency urgent care primary internal family medicine surgery surgical trauma intensive critical
cardiology neurology oncology hematology nephrology pulmonology gastroenterology endocrinology rheumatology
dermatology psychiatry psychology orthopedics orthopaedics urology gynecology obstetrics pediatrics
anesthesia anesthesiology geriatrics hospice rehab rehabilitation
medicare medicaid tricare champva aetna cigna humana anthem kaiser wellcare centene molina ambetter oscar
cross shield blue advantage aca hmo ppo epo pos
subjective objective assessment plan history exam physical review chief complaint present illness
impression recommendations disposition instructions summary discharge admission diagnosis diagnoses
procedure procedures course vitals allergies medications meds refills dispense quantity substitution
sig rationale decision claim approved denied pending total billed allowed range type prior authorization
note notes signed signature date time name age sex gender male female race ethnicity language
interpreter religion marital status single married divorced widowed employer occupation retired
unemployed veteran army navy marine marines air force guard coast
sprain strain gout edema polio shingles tingling asthma lupus acne rash fever stroke cancer
angina murmur migraine syncope vertigo sepsis anemia hernia gall stone stones
yes no yeah yep nope hey hi hello ok okay oh ah um uh hmm wow thanks thank please sorry dear sir madam
english spanish french german italian portuguese chinese mandarin cantonese japanese korean vietnamese
tagalog russian arabic hindi urdu polish haitian creole latino latina latinx hispanic caucasian asian
african native indian pacific islander jewish muslim christian catholic protestant hindu buddhist
orthodox mormon god lord jesus christ allah bible church temple chapel mosque synagogue
candida albicans aureus coli klebsiella pseudomonas proteus serratia enterococcus listeria salmonella
shigella giardia chlamydia borrelia treponema neisseria aspergillus cryptococcus
allegra advil aleve motrin tylenol lasix xanax ativan valium ambien zoloft prozac lexapro paxil celexa
abilify seroquel lamictal keppra topamax imitrex zofran pepcid protonix synthroid glucophage januvia
ozempic wegovy mounjaro trulicity jardiance farxiga humira enbrel remicade keytruda botox narcan
suboxone vivitrol chantix eliquis xarelto coumadin plavix lipitor crestor norvasc cialis viagra
flonase zyrtec claritin benadryl sudafed mucinex robitussin excedrin midol ensure boost pedialyte
lithium heparin insulin aspirin morphine codeine ketamine esketamine spravato
mexico canada china india japan korea vietnam philippines thailand indonesia malaysia pakistan bangladesh nepal
afghanistan iran iraq syria israel lebanon jordan turkey egypt morocco nigeria ghana kenya ethiopia somalia
sudan congo uganda tanzania zimbabwe brazil argentina chile peru colombia venezuela ecuador bolivia cuba haiti
jamaica guatemala honduras salvador nicaragua panama dominican germany france italy spain portugal england
britain scotland ireland wales poland ukraine russia greece sweden norway denmark finland netherlands holland
belgium austria switzerland hungary romania serbia croatia czech europe european asia african australian
mexican canadian chinese filipino korean indian pakistani nigerian cuban dominican guatemalan salvadoran
brazilian colombian irish scottish british italian polish ukrainian russian greek somali ethiopian
`;
