/**
 * The corpus's own word lists: common US and international given names and surnames, real US cities
 * (with their state and a ZIP prefix), street names, counties. Written for this corpus, independently
 * of whatever lists the scanner ships.
 */

function words(s: string): string[] {
  return s.split(/\s+/).filter((w) => w.length > 0);
}

export const US_FIRST = words(`
  James Mary Robert Patricia John Jennifer Michael Linda David Elizabeth William Barbara Richard Susan
  Joseph Jessica Thomas Sarah Charles Karen Christopher Lisa Daniel Nancy Matthew Betty Anthony Sandra
  Donald Ashley Steven Kimberly Andrew Emily Paul Donna Joshua Michelle Kenneth Carol Kevin Amanda Brian
  Melissa George Deborah Timothy Stephanie Ronald Dorothy Jason Rebecca Edward Sharon Jeffrey Laura Ryan
  Cynthia Jacob Amy Gary Kathleen Nicholas Angela Eric Shirley Jonathan Brenda Stephen Emma Larry Anna
  Justin Pamela Scott Nicole Brandon Samantha Benjamin Katherine Samuel Christine Gregory Helen Alexander
  Debra Patrick Rachel Frank Carolyn Raymond Janet Jack Maria Dennis Catherine Jerry Heather Tyler Diane
  Aaron Olivia Jose Julie Adam Joyce Nathan Victoria Henry Ruth Zachary Virginia Douglas Lauren Peter
  Kelly Kyle Christina Noah Joan Ethan Evelyn Jeremy Judith Walter Andrea Christian Hannah Keith Megan
  Roger Cheryl Terry Jacqueline Austin Martha Sean Madison Gerald Teresa Carl Gloria Harold Sara Dylan
  Janice Arthur Ann Lawrence Kathryn Jordan Abigail Jesse Sophia Bryan Frances Billy Jean Bruce Alice
  Gabriel Judy Joe Isabella Logan Julia Alan Amber Albert Denise Willie Danielle Elijah Marilyn Wayne
  Beverly Randy Charlotte Vincent Natalie Mason Theresa Roy Diana Ralph Brittany Bobby Doris Russell
  Kayla Bradley Alexis Philip Lori Eugene Marie Tanisha Latoya DeShawn Jamal Keisha Darnell Imani Tyrone
  Shaniqua Marquis Ebony Terrell Aaliyah Brayden Kaylee Hunter Harper Wyatt Avery Paisley Colton Brooklyn
  Everett Nora Silas Hazel Ezra Violet Declan Wren Otis Mabel Hope Grace Faith Rose June Will Bill Mark
  Grant Summer Dawn Joy Autumn Destiny
`);

export const US_LAST = words(`
  Smith Johnson Williams Brown Jones Garcia Miller Davis Rodriguez Martinez Hernandez Lopez Gonzalez
  Wilson Anderson Thomas Taylor Moore Jackson Martin Lee Perez Thompson White Harris Sanchez Clark
  Ramirez Lewis Robinson Walker Young Allen King Wright Scott Torres Nguyen Hill Flores Green Adams
  Nelson Baker Hall Rivera Campbell Mitchell Carter Roberts Gomez Phillips Evans Turner Diaz Parker Cruz
  Edwards Collins Reyes Stewart Morris Morales Murphy Cook Rogers Gutierrez Ortiz Morgan Cooper Peterson
  Bailey Reed Kelly Howard Ramos Kim Cox Ward Richardson Watson Brooks Chavez Wood James Bennett Gray
  Mendoza Ruiz Hughes Price Alvarez Castillo Sanders Patel Myers Long Ross Foster Jimenez Powell Jenkins
  Perry Russell Sullivan Bell Coleman Butler Henderson Barnes Gonzales Fisher Vasquez Simmons Romero
  Jordan Patterson Alexander Hamilton Graham Reynolds Griffin Wallace Moreno West Cole Hayes Bryant
  Herrera Gibson Ellis Tran Medina Aguilar Stevens Murray Ford Castro Marshall Owens Harrison Fernandez
  Woods Washington Kennedy Wells Vargas Henry Chen Freeman Webb Tucker Guzman Burns Crawford Olson
  Simpson Porter Hunter Gordon Mendez Silva Shaw Snyder Mason Dixon Munoz Hunt Hicks Holmes Palmer
  Wagner Black Robertson Boyd Rose Stone Salazar Fox Warren Mills Meyer Rice Schmidt Garza Daniels
  Ferguson Nichols Stephens Soto Weaver Ryan Gardner Payne Grant Dunn Kelley Spencer Hawkins Arnold
  Pierce Vazquez Hansen Peters Santos Hart Bradley Knight Elliott Cunningham Duncan Armstrong Hudson
  Carroll Lane Riley Andrews Alvarado Ray Delgado Berry Perkins Hoffman Johnston Matthews Pena Richards
  Contreras Willis Carpenter Lawrence Sandoval Brewer Fleming Banks Holt Sutton Walsh Lambert Chandler
`);

/** Surnames with apostrophes, hyphens, particles and inner capitals. */
export const SPECIAL_LAST = words(`
  O'Brien O'Connor O'Neill O'Malley D'Angelo D'Souza DeLuca DiMaggio McAllister McKenzie MacDonald
  MacArthur LeBlanc DuBois Smith-Jones Garcia-Lopez Lopez-Rivera Johnson-Baptiste Al-Hassan Abu-Bakr
  Ben-David St.Pierre N'Diaye Nakamura-Reyes Kowalczyk-Hart Fitzpatrick-Osei
`);

export const INTL_FIRST = words(`
  Mohammed Fatima Aisha Omar Yusuf Priya Rahul Ananya Arjun Wei Mei Hiroshi Yuki Haruto Sakura Min-jun
  Ji-woo Seo-yeon Thanh Linh Minh Olumide Chinwe Oluwaseun Ngozi Kwame Ama Abebe Tigist Dmitri Svetlana
  Olga Ivan Katarzyna Piotr Agnieszka Bogdan Giuseppe Francesca Matteo Chiara Jürgen Anneliese Søren
  Ingrid Björn Siobhan Niamh Eoin Seamus José María Zoë François Renée Joaquín Beatriz Thiago Camila
  Ximena Santiago Guadalupe Esperanza Tariq Leila Reza Parisa Ravi Deepika Sanjay Lakshmi Kofi Adaeze
  Emeka Nkechi Tatiana Anastasia Yerlan Aigerim Bao Huong Chayton Ayita Kalani Leilani Mahina Keanu
`);

export const INTL_LAST = words(`
  Nguyen Tran Pham Le Hoang Wang Zhang Liu Chen Yang Huang Zhao Tanaka Suzuki Takahashi Watanabe
  Yamamoto Park Choi Jung Kang Sharma Singh Gupta Reddy Iyer Krishnamurthy Okafor Adeyemi Oyelaran
  Mensah Boateng Haile Kowalski Wojciechowski Nowak Lewandowski Ivanov Petrov Smirnov Kuznetsov Rossi
  Esposito Bianchi Romano Müller Schneider Fischer Weber Becker Jensen Nielsen Andersson Johansson
  Lindqvist Fitzgerald Dubois Lefèvre Moreau Girard Fernández Rodríguez González Pérez Sánchez Ramírez
  Álvarez Hernández Castañeda Nuñez Ibáñez Haddad Khalil Mansour Nasser Hosseini Rahimi Karimi Ahmadi
  Cohen Levi Friedman Goldberg Shapiro Papadopoulos Georgiou Yilmaz Kaya Demir Abdi Warsame Begay
  Yazzie Tsosie Kahananui Akana Nakoa Zhou Xu Sato Ito Mukherjee Banerjee Chatterjee Oduya Nwosu
`);

/** City | state | ZIP prefix. No city whose name is also a state. */
export const CITIES: readonly (readonly [string, string, string])[] = words(`
  Dayton|OH|454 Toledo|OH|436 Akron|OH|443 Columbus|OH|432 Cleveland|OH|441 Cincinnati|OH|452
  Pittsburgh|PA|152 Philadelphia|PA|191 Allentown|PA|181 Scranton|PA|185 Boston|MA|021 Worcester|MA|016
  Springfield|MA|011 Chicago|IL|606 Peoria|IL|616 Rockford|IL|611 Naperville|IL|605 Denver|CO|802
  Pueblo|CO|810 Boulder|CO|803 Phoenix|AZ|850 Tucson|AZ|857 Flagstaff|AZ|860 Fresno|CA|937
  Sacramento|CA|958 Oakland|CA|946 Bakersfield|CA|933 Stockton|CA|952 Riverside|CA|925 Seattle|WA|981
  Spokane|WA|992 Tacoma|WA|984 Olympia|WA|985 Portland|OR|972 Eugene|OR|974 Salem|OR|973 Boise|ID|837
  Pocatello|ID|832 Provo|UT|846 Ogden|UT|844 Albuquerque|NM|871 Omaha|NE|681 Lincoln|NE|685
  Tulsa|OK|741 Norman|OK|730 Wichita|KS|672 Topeka|KS|666 St.Louis|MO|631 Joplin|MO|648 Memphis|TN|381
  Nashville|TN|372 Knoxville|TN|379 Chattanooga|TN|374 Louisville|KY|402 Lexington|KY|405
  Bowling_Green|KY|421 Atlanta|GA|303 Savannah|GA|314 Macon|GA|312 Augusta|GA|309 Charlotte|NC|282
  Raleigh|NC|276 Durham|NC|277 Asheville|NC|288 Greensboro|NC|274 Richmond|VA|232 Norfolk|VA|235
  Roanoke|VA|240 Baltimore|MD|212 Annapolis|MD|214 Newark|NJ|071 Trenton|NJ|086 Camden|NJ|081
  Buffalo|NY|142 Rochester|NY|146 Syracuse|NY|132 Albany|NY|122 Yonkers|NY|107 Hartford|CT|061
  Bridgeport|CT|066 Providence|RI|029 Burlington|VT|054 Manchester|NH|031 Bangor|ME|044 Detroit|MI|482
  Flint|MI|485 Grand_Rapids|MI|495 Lansing|MI|489 Kalamazoo|MI|490 Milwaukee|WI|532 Madison|WI|537
  Green_Bay|WI|543 Minneapolis|MN|554 Duluth|MN|558 Rochester|MN|559 Des_Moines|IA|503
  Cedar_Rapids|IA|524 Davenport|IA|528 Sioux_Falls|SD|571 Rapid_City|SD|577 Fargo|ND|581 Bismarck|ND|585
  Billings|MT|591 Missoula|MT|598 Cheyenne|WY|820 Casper|WY|826 Las_Vegas|NV|891 Reno|NV|895
  Anchorage|AK|995 Fairbanks|AK|997 Honolulu|HI|968 Hilo|HI|967 Dallas|TX|752 Houston|TX|770
  Austin|TX|787 San_Antonio|TX|782 El_Paso|TX|799 Lubbock|TX|794 Amarillo|TX|791 Laredo|TX|780
  New_Orleans|LA|701 Baton_Rouge|LA|708 Shreveport|LA|711 Jackson|MS|392 Biloxi|MS|395
  Birmingham|AL|352 Huntsville|AL|358 Montgomery|AL|361 Little_Rock|AR|722 Fayetteville|AR|727
  Jacksonville|FL|322 Miami|FL|331 Tampa|FL|336 Orlando|FL|328 Tallahassee|FL|323 Gainesville|FL|326
  Charleston|SC|294 Columbia|SC|292 Greenville|SC|296 Indianapolis|IN|462 Fort_Wayne|IN|468
  Evansville|IN|477 Gary|IN|464 Morgantown|WV|265 Wheeling|WV|260 Wilmington|DE|198 Dover|DE|199
`).map((w) => {
  const [city, state, zip] = w.split("|") as [string, string, string];
  return [city.replaceAll("_", " ").replace("St.", "St. "), state, zip] as const;
});

export const STREETS = words(`
  Maple Oak Pine Cedar Elm Walnut Chestnut Birch Willow Spruce Main Church High Park Lake Hill Lincoln
  Jefferson Franklin Monroe Sherman Highland Ridge Valley Spring Meadow River Forest Sunset Prospect
  Pleasant Center Mill School Water Market Broad Front Union Liberty Cherry Magnolia Dogwood Hickory
  Sycamore Poplar Laurel Orchard Harbor Bay Shore Summit Fairview Woodland Greenwood Lakeview Riverside
  Hillcrest Brookside Kingston Peachtree Bluebonnet Juniper Aspen Sequoia Palmetto Cottonwood Mesquite
  Saguaro Tamarack Evergreen Wildwood Foxglove Heritage Colonial Canterbury Devonshire Cambridge Oxford
`).concat(["3rd", "5th", "12th", "42nd", "21st", "Martin Luther King Jr.", "Old Mill", "Country Club"]);

export const STREET_SUFFIXES = words(`
  Street St St. Avenue Ave Ave. Road Rd Rd. Boulevard Blvd Drive Dr Dr. Lane Ln Court Ct Way Place Pl
  Terrace Ter Parkway Pkwy Circle Cir Highway Trail Trl Loop Pike
`);

export const COUNTIES = words(`
  Cuyahoga Franklin Hamilton Cook Maricopa Harris King Allegheny Wayne Jefferson Orange Bexar Travis
  Fulton Hennepin Shelby Marion Milwaukee Pima Erie Lancaster Polk Douglas Ada Pulaski Mecklenburg Wake
  Fairfax Essex Middlesex Worcester Providence Washtenaw Dane Boone Knox Tulsa Summit Montgomery Lucas
  Sedgwick Jackson Hidalgo Kern Tarrant Monmouth Westchester Onondaga Buncombe Chatham Greenville
`);

export const PARISHES = ["Orleans", "East Baton Rouge", "Caddo", "Lafayette", "Calcasieu", "St. Tammany"];

/** Hospital and clinic email/URL domains of the corpus's own invention. */
export const ORG_DOMAINS = words(`
  stvincenthealth.org mercyregional.org lakesidemed.org valleycare.net northshorehealth.org
  riversidefamilymed.com summitortho.com baycitycardiology.com pinecresthospital.org uhealthclinic.org
`);

export const MAIL_DOMAINS = words(`
  gmail.com yahoo.com outlook.com hotmail.com icloud.com aol.com comcast.net protonmail.com att.net
  verizon.net sbcglobal.net msn.com live.com me.com umich.edu osu.edu ymail.com gmx.com
`);
