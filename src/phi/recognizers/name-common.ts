/**
 * Words of the humannames list that are, in general English, more often ordinary words than names
 * ("will", "may", "hope", "grant", "black", "patient", "pain"). A capitalized word from this list is never
 * a name on its own; it counts only with a title, a name label or a rarer name beside it.
 *
 * Generated once from humannames@1.0.5 (MIT) and the cl100k_base BPE vocabulary (gpt-tokenizer): a word is
 * kept when its lower-case form " word" was merged before its capitalized form " Word", i.e. the lower-case
 * form is the more frequent one in web text. 5075 words; regenerate the same way if the list changes.
 */
export const COMMON_WORDS_IN_NAME_LIST = `
aa ab aba aber abi abide able abril aby academia access accord accounting ace ach ache achter ack acre acres
action active ada addons ade adel aden admin admire admon adore advance ag agar age agent ages aggi agli ago
agosto agre ai aid aide aim aime aims ain air airy aj ajax aka akan akin ako al alas album alert alias alien
aliment all alla alle alleen allem aller allerdings alles alley allo alloy ally alm alma almacen almond alo
alpha als alt alta alter alters alto altro altura am ama amat ambos ambush amen amend amer amet ami amid amigo
amis ammon amo amor amore amour an anchor anchors and ander andere andra ang anger angi angle angles angry
angst anguish ani anim ann anni anno annon ano anon anonymous anos ans ante antes anthrop anti antic antis anz
ao apa ape apo app appel appell appl apps apt aqui ar arb arbit arch are area areas aren arena arenas argent
argue aria arm arma armor armour arms arp arr arrow arsen arson art arte arter artist ary ashes asi ask assum
ast aster aston astore at ata ath au auch aud aument aun aura aure aus auth author auto autumn av ava avant
avent aver avi avis avril aw awe awkward ax axe ay az ba bab babe babel baby back backers backs bacon bad
badge baff bag bagi baik bail bais baise baj baja bajo bake bal balance ball ballet ballo balloon ballot balls
bam ban banana banco band banda bands bank banker bankers banks banner banning bans bar bara barbar bard bare
barg bark barley barr barracks barren barrier bars baru bas basal base baseman bash basic basin basket bass
bast bat batch bath batt batter battle battles baud baz be beach beacon bead beam beams bean beans bear beard
bearer bears beat beats beau beb bee been beer beers bees beg began begin begun beh bei beim bek bel bele
belle bells belong below belt belts bem ben bench bend bending bene benefits bent benz bere bergen bers berth
besch besser best beste bet beta better betting bev beverage bew bey bez bi bias bidding bien big bigger bigot
bik bil bilder bile bill billig billing billion billions bills bin binder binge bingo bins bio bir bird birth
bis bisher bist bitten bitter bitterly black blacks blade blades blanc blanco bland blank blanks blas blaze
blazing bleach bleak blend blender bless blessed blessing blew blind blink bliss blitz block blocker blond
blonde blood bloss blossom blot blouse blow blown blue bluff blunt blush bo boa board boards boast boat boca
bodily body bogus boils bois bol bola bold bolster bolt bolts bom bombard bomber bon bona bond bonds bone
bones bonne bons bonus boo boob book books bool boom boon boot booth boots booty booze bord border borders
bore boring born borne borough borr borrow boss bot both bott bottle bottles bottom bottoms bou bound bounds
bouquet bour bourgeois bout bouts bow bowl bowling bowls bows box boxer boy boys br bra brace bracket brain
brake bran branch brand brands bras brasile brass brave breach bread break breaker breath bree breed breeding
breeze brew brick bricks bride brides bridge bridges brief bright brighter brightly brill brilliant bring
brings brink brisk brittle bro broad broaden broccoli brochure broker brother brothers brought bruk brunette
brush bu bub bubb buc buck buckle bucks budding buddy buen buena bueno buff buffer buggy building bul bulk
bull bully bump bumper bumps bun bunch bund bunk bunker buoy bur burden bure burg burge burger burgers burn
burner burns burst bury bus business but butcher butt butter butterfly butto button buy buyer buyers buys buzz
by bye cab cabbage cabe cabel cabeza cabin cable cables cabo cach cad cada cade cadena cafe cage cake cal
calam calendar call calle caller calm cam cambi cambio came camel cameo camera camino camp camper camping
campo campos camps campus can canal cancel cancer cand candies candle candy cane canine cann cannon cant cap
car cara caravan carbon card cardi care career careers cares cargo carne carp carrera carrier carro carry cart
carta carte cartel cas casa case cases cash cashier casi casino caso cassette cast caster cat cata catcher
catches catching cate cater cattle caul causa cause causing cave caves caz cease ceil cela cele celestial cell
cellar celle cen cena censor center centers century cer certain certo ch cha chac chai chain chair chairs
chalk chall challenger cham chamber chambers champ champagne champion champs chan chance chang change channel
channels chant char character charging charity charm chars chart charter chase chatter chave che cheap check
cheek cheeks cheer cheers cheese chem chemin cher cherish cherry chess chest chew chez chi chic chica chicas
chick chief child childs chill chim chin chip chips cho choice chol chop chor chord chose chronic church
churches churn chute ci cid cil cin cinco cine cinnamon circle citizen city civic civil cj clam clamp clan
clang clap clar clarity claro clas clase clash class clause clave claw clear clerk clever click client cliff
cling clo cloak clock clone clos close cloud cloudy clown clubs clue cluster clutter co coach coast coaster
coats cob coc cocci coch cock cocks coco cocos code coder coff coffee coffin coil coin coins col cola cold
colder coli coll collar colle college collo colon colony columna coma comb combo come comer comes comet
comfort commander comment common como comp companion company compass comport compos con conception condi condo
condos cone cones confer confidential conforme conn conna conquest cons conserve console constant consul conta
conte content contin contractor conver convers converse convey cook cooker cookie cooks cool cooler cooling
coop cooper coord cop cope copp copper cops cor coral cord cords core cores corn corner corners coron corpus
corr corre correl correo corres corro cors cort cos cose cosmos cost costo cot cott cottage cotton couch cough
councill counsel count counter counts coup cour courage courier course court courts cousin cousins cover
covert coward cowboy coz cozy cr craft crafts cram crank crate crater crates crave craw crawl cray crea cream
crear credit cree creo crew crews crim crimes cris crisp crochet cron crop cross crow crown cruc cruel cruise
crush crust cry crystal cu cube cubic cuc cuda cudd cue cuff cui cul culp cup cupid cur curb cure curl curls
curly curr current curtain cush cushion cust cute cutter cutting cuz cy cyan da daar dad dado dag dagen dagger
dah daher dai daily dairy dal dall dalla dalle dam damer dames damp dams dan dance dancer dando dang danger
danh dann dans dao dara dare dari daring dark darker darling darm das dash dass dat data datas date dates dato
dau daughter daughters day days de deal dear death deb debate debates debe dec decent deck decree ded dedic
dee deed deeds deem deep deer defer define degree dei dein deja del dela delay deleg delic delight deline dell
della delle dello delta dem demand demasi demi demo demons demos den denen denim denn denne dense dent deny
depot dept deputy der dere deren dern dernier des desert design desire desper dess dessert dest desta destin
destino destiny deter dette dev devel dever devis devoid dez di dia dial diamond dias dib dice dich dicks die
dies diesel diesen dieser diets differ dik dile dim dime din dine diner dinero ding dinner dio dip dir dire
director dirig dis disco discover dise disen diss disse distance ditch diver divers divine divis diz django dk
do doc dock docker docks doctor dod does dog doi doing dok dol doll dollar dolor dom domain dome domin domina
domingo don donate donde done donn donna donne donner donor dood door dop dorm dors dort dos dose dost dot
doub double doubt dough dout dov dove down downs downward draft drafts drag drain dre dread dress dresser
dressing drew drift drill drilling drinks driver drivers drone drones drop drought drown drum drummer dry
dryer du dua duck dude due dues duk dull duly dum dung dunk duo dur durante durch during duro dus dust dusty
dut duty dy dye dys ea eager ear early earnest earthly easy eben ebony echo echt eco economy ed edge edi edu
ee een eff egal eget egg ego egy eh ei eid eig ein eing ek el ela elder elders ele elek elem eles elf elif
elim elk ella ellas elle eller elles ello elm elo els else em eman embody embry emo emp en end ende endl ends
ener eng engineer ens ent enter enters envoy eo er era erb erk erle erm ern ero eros erro error erv ery es esa
escort esp esper ess essa essay esse essen essence est esta este eternity eth etter eu even ever every ex
excell excellent exe exon expose ext exter ey eye fa face facto factor fade fail failing fails faint fair
faire fairly fairy fais fait faith faithful fake fall fallen falling falls fals falta fam familia famous fan
fancy fant far fare fares farewell farm farmer farms fase fast faster fat fatal fate fatt fatty fauna faut
faux favor favorite favors favour fax faz fe fear fearing fearless fears feast feather feathers fed fee
feeling fees feliz fell fellow fellows felt fen fend fer ferm ferry fertil fest fetch fever few fewer fiber
fic fick ficken fidelity fie field fields fier fierce fiery fig fight fights figura figures fil fila file
files filho fill filler filling film filmer fils filter fin finale finance finder fine finely finer fines fing
finger fingers fino fins fint fire fires firm first fis fiscal fish fiss fisse fit fitness fitte fitting fix
fizz flag flair flakes flam flaming flank flash flask flatt flatten flavors flaws fleece fleet fleeting flesh
flex flick flies flight flirt flo flock flood floor flora flourish flow flower flowers fluent flurry flute fly
flyer flying fo focus foe fog foil folds folk folks foll folly fon fond font fonts foo foot footer for force
fore fores foresee forest forge forget fork forks form forma formato former forte forth forts fortune forty
forward fos foss fost foster foto fotos fou fought found fountain four fout foyer fr fra fraction frail frais
fram frame frames fran franca franch frase fray fread free freed freedom freel freely frees freeze frei fresh
freshman freshwater fret freund fridge friend friendly friends fries from fron front fruit fruits fu fue fuel
full fun fund fung funny furnace furnish furry fus fuse fuss ga gad gag gain gains galer gall gallery gallon
gam gamble gambling game gamer games gamm gamma gan gang ganz ganze gar garant gard garden garg garlic garn
garner gas gate gates gateway gather gathers gauche gauss gave gay gaze ge gear gearing gears gebru ged gee
geen gegen geil geile geld gele gen gender gene gener genera generous genes genie genius genre gens gent
gentle gentleman genus geo ger gere gesch gest getch getter getting ghost gi gia giant gift gim gimm gin ging
ginger gint gio giorno gir girl gist given glad glance gland glass glean gleich glimpse globe glor glory gloss
glove glow gluc go goats gode godt goede goes goggles going gol gold golf gon gone goo good goodness goods
goodwill goose gor gord gorge goto gotta gou gover govern governo governor gr gra grab grace gracias grad
grade grado graf graft grain gram gramm grammar grams gran grand grande grandi grandson granite grant grap
grape grapes gras grass grat grate grav grave gravel graves gray great greed greedy green greenhouse greet
gren grenade grew grey grief grill grille grim grin grinder grip gris grit groom groot gros gross grosse grote
ground grounds groundwater group groupe grow grown grows grub gu guard guarda guerra guess guest gui guide
guild guise guitar gum gums gun guns guru gust gusta gusto gut gute gutter guy guys gyr ha haar habe haben
haber habil habit hack hacker hacking had hade hai hail hair hal half hallmark halls halt hamburger hammer han
hand handing handle handler hands handsome handy hang hanno hanya hap happ happy har harb hard harder hardware
hare hari harm harmon harmony harms harness harsh harvest has hash hasher hass hast haste hatch hath hatten
haul haut haven hay haya haz hazard haze he head header heading headings heads heal healer healing health heap
heaps heard hearing heart hearty heater heaven heavenly heavens heck hect hed hedge heed hefty hei height heir
held hele helf helfen hell helm helps helt hem hemp hence henne her herb herd heritage hero hes het heter hg
hi hidden hide hides hier high hike hikes him hinder hint hipp hire hires hitch hitter ho hobby hoch hockey
hoe hogy hold holder holding hole holes holiday hollow holster hom home homem homes homme hommes hon hone
honesty honey honor honorable honors honour hood hoof hoog hook hooks hoop hoops hop hope hopes hopping hor
hora horm horn horns horny horr horse hose hosp host hot hotline hott hotter hour house hover how hoy hr hub
hubby hud hue hues hug huge hugs huh hull hum human humble hun hundred hung hunger hunt hunting hur hurd
hurdle hurl hurry hurt hurts hus husband husbands hust hy hydro ia ice icy ide idle idol ie ihm ii iii ile ili
ilk ill illum ilma im ima imm immer ims in inch inches incontro ind indie infield ing ingres ink inmate inn
innocent inquire ion ip irc iris iron irr ise italiano ith iv ivory ix ja jag jak janvier jap jar jardin
jasmine java jaw jazz jc je jeans jed jelly jenis jest jet jeu jeune jewel jewels jihad jit jj jo job jobs jog
joins joint joke jorn jou journey joven joy ju jud judge jue jump jumper jumps junge junior junk juris jury
just juste justo ka kadar kako kale kali kami kan kann kao kappa karena karma kart kata kc ke keen keep keeper
keeping keer kein kell kennen ker kern kes ket keto kettle key keys kho ki kick kicker kicks kid kidd kidney
kil kill killer killing killings kin kind kinda kindness kinds kino kiss kit kita kitchen kitchens kite kitt
kitten klar klass kleine knack kne knee knife knob knock knot know knows knull ko kode koji kole kom komen
kommer kon kone kor kort kosher kost kosten kron kube kuk kul kun kunnen kur kurz kut la lab label labor
labore lac lace lack lacking lacks lad lado lady lain lam lame lamin lamp lan land landing landmark lands lane
lanes lang lange langs lanz lap large larger largo las laser lash lassen last lat latch late lately laten
later latina latter laughing laughter launder laundry laut lav lava lavender lavish law lawn laws lawyer lax
lay layer laz le lead leader leaders leaf leak leaks lean leap lear learn learned learner lease leash leather
led ledger leer left legacy legal lei leicht leider leisure lemma lemon len lender leng lens lent ler les less
lessen lesson let leth lett letter letters letto lettre letz lev leve level levels leven lever lex lexer li
lia lib liber liberal libero libert liberty libre libro libs lick licking lider lie liebe lied lief lien lies
lieu life light lighten lighter lightning lights like likely liken likes lille lim limb limburg lime limp line
linea linear lineback lineman linen liner lines ling linger link linker links lint lips lique lis list lista
listen lit liter litt litter little liv live lively living lj ll llama lo loader loan lob loc lock locker
locks locus loft lofty login logo loi lok lon lone long longer longest look loop loos loose loosen lor lore
loro lors los lose loser losing loss lot loud louder loung love lovely lover loving low lower lowers lowes
lows loyal lua luck lucky luder lugar lui lum lump lun lunar lunch lung lush lust lux luz ly lyric lys lz ma
maar mach machen macht macro made madre mag magazine magg magic magna mai maid maiden mail main mainland mains
maint mais maison maize maj majestic major majors maka maker maks male males malt mam mama maman man mana mand
mane manera mang manga mange mango manifold mannen manner manners mano manos mansion mantle manual manus many
mapa marble marca mare marg mari mariage mark marker market marking marks marque marriage marrow marry marsh
martial martyr marvelous marzo mas masa mascara mascot mash masih mask mass massa masse mast master mat match
mate mater materia mates mats matter matters mattress mature mau max maxi maxim maxx may maybe mayor maze md
me meal meals mean means meas measles measures meats mech mechan mechanic med medi media median medic medicine
mee meer meeting meg mehr meilleur mein meine meinen meiner meis mel melan mell melody members meme memo
memory men mend meng menn mennes meno menor menos mens mensen mente mention mentor meny mer mercado merchant
mercy mere merges merit mes mesh mesmer mess message messing mest met meta metal meter meth method metrics
metros mez mi mia micro mid middle mies might mighty migliori mil milano mild mile miles milestone militar
milk mill milling million millis mills mim min minden mine miner miners mines mingle minha mini minion minor
minors mins minus mio mir mirac miracle mis mise miser mish miss mission mix mixer mo mobile moc mock mocker
mode model moden moder modes modest mog mogul moi moist mol mold mole moll molt mom moment mommy mon monarch
monde mondo monet money monk monks monot moo mood moons moot mor moral morale morals more morning mort most
mot mote motel moth motto mou mould mound mount mountain mounts mourning mouse mover mower moy moyen mt mu
much mucho muff multer munch mund mundo mur mural murders mus muse music muss must mustard muster mut mute muy
my na naar nab nack nad nada nah nail nails nak nale nam nama name names nan nanny nano nao nap narr narrow
nas nast nat nation nations nau nause naval nave naw ne near nearing neat neben necessary neck ned need needle
needles needs needy nef neger nei neigh neighbor neighbors neighbour neighbours neither nel nell nella nelle
nem nen neo neph nephew ner ness nest nesta neste net nett neu never new newborn newcom newcomer newer news ng
nga ni nic nice nicely nickel nie niece nied night nil nim nin nine ning nip nipple nisi nj no noble noch
noche node nodes noe noi non nood noon nop nor norm nors nose noss nost nostro not nota notch note notice nou
noun nour novel novembre novo now nu nuest nuestro nueva nuevo null numa number numbers nun nuovo nur nurse
nuru ny nya nye oasis oats obe obed oben obey obra obst ocean och octave odd ode oder odio odom odor oe off
offen offer office officer oi ok okay ol olan old older olds ole oli olig olive om oma omega on once onder
ones onion onions only oo open oper opp or ora oral orange ord orden orders ore ores organ orgas orient orm
orn orphan orth os oss ost other ou ours outing outlaw ov oven over overall overly overs ow owes owl owner
owns oy oz pa paar pace pack pad pada padre pady pagan pagar page pager pages pago pai pain painter painting
pair pais pal pall pallet palm palms pals pam pan pane pang panic pant pap papel paper papers par para param
paran paras parce parcel parcels parchment pardon pare parece pareja parent parents parfait pari parish parks
parler parms parody pars parse parsley part parten partida partido partner party pas pasa paso pass passage
passe passer past pasta pastor pat patch patches patent path patience patient patio patron patter pau pause
pav pave pay payer payment payroll paz pe pea peace peak peaks peasant pec ped pee peek peel peer peers peg
pel pela pellet pelo pen pena pencil peng penny pense pension pent people peoples pepp pepper peppers per
perce perch perfect peri perish perk perks perman perme pero pers perse person persona persons pert pesso
pessoa pest pet petit petite petty phen phi phon phy pi pian piano pic pick picker picking pickle pickup pie
piece piel pien pies pigeon pil pile piles pill pillar pillars pillow pillows pilot pin pinch pine ping pink
pins pint pip pipe pipes pir piston pit pitch pitcher pizza pla place placer plage plain plaisir plan plane
planes plank plano plant planting plants plaster plata plate player pleas pleasant pleasure pledge plein
plenty plum plumber plush plut ply po pod pode poet poi point pointer points poke poker pol polar pole poles
polic police policy polit polite poll pollen poly polys pom pomp pon pond ponder ponds pong pont ponto poo
pool poor pop pops por porch pore pork porn porr port porta portal porte ports pos pose poss post postal poste
poster posto pot pou pouch pound pounds pour pov pow powder power powers poz prag praise prat pray prayer
preacher precious precise prem present president press prest presume pretty preval prey prez price pricing
pride priest prim prima prime primer primera primero primes primo prin principio print printers prior pris
prise privat private prive pro problems process profit prol prom pron pronto proper props prose prosper prost
proto proud proven province prow prox prudent pu public puck pueblo pues puff pull pulling puls pulse pulver
pump pun punch punches pund punt puntos purchase pure purity purple purse push put putt py pym qu qua qual
quale quality quam quant quarry quarters quartz que queer quel quella quelle quello query quest qui quick
quiet quint quiz ra rab rabbit rac race racer rack rad radar radi radio radix raft rag ragazzo rage raid rail
railing rain rains rainy rais raison rake rall rally ramp ran ranch rand random rang range ranges rank ranks
ransom rant rape rapp rapport ras rash rasp rat rate rates rather rave raw rays raz razor re reach read reader
reading ready real reap rear reason reasons reb rebel rebell rec rece recher recht reck record records red
redd rede redes redhead redo reef reel reels ref reg region register regular rehe reign reim rein reins rek
rel relacion relation rele relic rem remar remark remedies reminder ren rend render renew rent reps res resh
reside resides rest resta resto ret retal reve reveal revel reven rever revers revis revolt rho rhyme rhythm
ri ric rice richer riches rider rides riding rien ries riff right rigor rim rin ring rings ripple ris rise
risen rising risk rival rivers rm ro road roads roam roar robe robes roc rock rocker rocks rode roi rol role
roles roll roller rolling rolls rom romance rond roof room root roots rop rope ropes roses roster rot rou
rough roulette round rounds rout route row royalty roz ru rua rub rude rue rule rum run rund rune runner
running rush rushing russe rust rustic rusty ruta sa sabe saber sabot sac sack sacks sad sadd safe safer saga
sage sagen said sailing sailor sailors sails sais saison saja sake sal sala salad salah salary saldo sale
sales salesman salida saline saliva salle salmon salon salsa salt salts salud salute salvage sama samo samp
sample sampler samples sands sane sang sank sap sare sass sat satin satur sau sauce sav save saver saving
savoir savory saw sax say saya sc scaff scala scale scales scarce scarf schema schnell scholar schon school
schooling schools schwer scope score scram scrape scraper screen screws scrim se sea seaborn seal seals seam
seams search seas season seat seats second secondo secret section sed sedan see seed seeds seek seeker seem
seems seen sees segundo seguro seh sehr sei sein seiner seis seit seiz seja sek selbst sele self sell seller
sellers selling sells selves sem semana semen send sender senior sens sense sensing sensor seo seper ser sera
serene seri serie sermon serr serum servant serve server servi service servo session sessions sesso set sett
setter setters setting settle settles seu seul seus seven sever severe sewer sewing sexe sh sha shack shade
shader shadow shady shaft shake shakes shale shall shallow sham shape shar shard share shark sharp sharper
shave she shear shed sheer sheets shell shells shelter shelters shield shields shine shines ship shirts shock
shoe shook shoot shooter shoots shore shores short shorten shorter shorts shoulder shoulders shouts shove show
shower showers shown shows shutter shuttle shy si sia sic sich sicher sick sid side sidel siden sider sides
sido siege sieve sig sigh sights signal signer signs sigue sik sil silence silk sill silver sim simmer simple
simpler simulation sin sina sincere sine sing singer single singles singleton sings sinh sink sinks sino sinon
sins sip sire sis sister sit sites sito situ six size skal sketch skill skip skull sky slack slain slate
slaughter sled slee sleek sleep sleeper slice slick slider slight slim sloppy slot slow sm smack small smaller
smart smell smile smiles smiling smoke smoker smooth snack snake sniff snow so soap soar sober sobie soc sock
socks soda sok sol sola solar sole solic solid soll solo som soma some son song sono sons soo soon sop sor
sore sorrow sorter sos sotto sou soul sour sous souvenir sovereign sow soy space span spare spark sparkle
sparks spas spawn speak speaker speaks spear special speech speed speedy spell spelling spells spender sper
spice spies spike spikes spill spin spindle spine spinner spinning splitter spokes spoon spor sport sports
spotted spray spring sprinkle sprung square squirrel sr sta staat stable stack stacks staff stage stagger
stain stains stair stairs stake stakes stalk stall stalls stamp stamps stance stand standard standing stands
stap staple staples star starch stare staring stark starring stars start starts startup stash stata state
station stats statt stav stay stead steady steel steep steer stellar stem stencil step stepper ster stere stew
steward stick sticker stiff still sting stitch stock stocking stocks stole stolen stom stone stones stops
storage store stores storm storms story stos stout stove straight strain strand strang strange stranger straw
strawberry stray stream streams streets strength stress stretch stride strife strike striker string stripe
stroke stroll strong struck stu stuck student study stuff stump stup sturdy style styles su sua sub subject
succes such sudo sue sued sugar sugars sui suing suit suite suits sul sulla sum suma summ summar summer summit
summons sun sung sunny sunshine suo sup super supp supper sur surface surgeon surplus surprise surve survey
sus swagger swallow swamp swarm sway swe sweat sweep sweet sweets swell swim swims swing swinger switch sword
swords syn sys ta tab tabel table tables tack tad tag tags tail tailor tak take taken takes tako tal tale
talent talk tall taller tally tam tame tan tang tank tanker tanks tant tap tape taper taps tar tard targ tarn
tart tast taste tau tax taxis tc te tea teach teacher teal team tear tears teas tease tec tech technical tee
teen tegen tej tek tela tele tell telling tem tema temp temples ten tenant tender tener teng tennis tent tep
ter termin tern terr terrace terre terrible tess test tester testimony tether tex th tha thai than thaw the
thee them then theoret thick thin thing third tho thou thousand threat threats thrift thrill thro throm throne
throw thy ti tick ticker tie tier ties till tilt tim time timer times timp tin ting tink tint tiny tipping
tips tissue title titre tj to tobacco toc toch tod toda toe toi tok tol toler toll tomar tomb tome ton tone
tones tong tongue tonic too tool tools tooth top topic topp topping toppings tor torch torino torn torrent
tort toss tot tote tou touch tough tour tous tout tow toward towels tower towers town towns toy tra trabal
trace tracer track trad trader traff trail trailer train trainer tram tran trance tratt traveller travers
traverse tray tre treasure treat tree trees treff tren trench trend tres tri trial tribe trick trickle trif
trigger trim trio trip triplet triumph troll trom trong troop trop trope trotz troub trout trucks true truly
trumpet trunk trust try tu tua tum tun tuna tune tuner tung tuning turn turns turtle tut tutor tweet twist ty
tym tyr tyre uc uden uh uk um uma un una unavailable ung unite unk unknow uno unser uphold upp upper upright
upward ur urban ure uri us usa use usher ust utter uu uy uz va vague vai vain vais val vale valida valido
valor valore vamos van vandal vanish vanity vant vap var vara vari varias vars vary vas vault ve ved veil vein
vel velvet ven vene vener vent venta vente venture ver verbal verd verge vero versch verse verso verst vert
very vess vessel vessels vest veto vetor vi via vic vice victory vida vie viel viele vient vier vieux view vig
vigil vigilant vigor vil vile vill ville vind vine vinegar vines viol vir viral virtue virus vis vit vita
vital vite vitro viv vivo vm vo vocal voice void voll volley volta von vos vote voter vowels voy vu vy wa wage
wager wages wagon wait waiter waits wake walk walkers walking walks wall wallet walls wand wander wann wanna
want war ward ware waren warm warming warn warning warns warp warrior wart wary was washer washing waste watch
watcher water waterfall waters wave wax way ways we weak wear wearing wears weary weather weaving web wedding
wedge wee weed week weekly weeks weer weight weil weir weit weiter welcome weld welding welfare well wen wenig
weniger wenn went werden were werk whale wheat wheel when while whims whip whirl whistle white whites wholly
why wich wicht wide widen wider wides wie wieder wiel wife wig wild wilderness will willen willing wilt win
wind winding window windy wine wines wing winger wings wink winner winners winning winnings wins winter
winters wire wires wisdom wise wisely wish wissen wit with witty wm wo wohl woll wollen women won wonder
wonders wood wooden woodland woods wool word worden words work worker working workings works world worlds worm
worms worn worship worst worth worthy wrath wrench wrestler wrinkles write writer wyn xa xi ya yang yap yard
yarn yaw yaz yc ye years yeast yell yelling yellow yen yer yielding yo you young younger yum za zak zam zaman
zar zaw zeal zero zi zich zien zipper zona zone zou zu zur zwar
`;
