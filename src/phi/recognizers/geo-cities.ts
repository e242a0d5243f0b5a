/**
 * US cities for the GEOGRAPHIC recognizer: the ~330 most populous (US Census estimates) and every state
 * capital. A city in this list after "in", "from", "near"... or before ", ST" is a place; other cities are
 * still found by their context ("lives in", "City:", "Springfield, IL 62704"). Cities that are mostly
 * English words ("Mobile", "Surprise", "Independence") are left out. Comma-separated.
 */
export const US_CITIES = `
New York, Los Angeles, Chicago, Houston, Phoenix, Philadelphia, San Antonio, San Diego, Dallas, San Jose,
Austin, Jacksonville, Fort Worth, Columbus, Charlotte, Indianapolis, San Francisco, Seattle, Denver,
Oklahoma City, Nashville, El Paso, Boston, Las Vegas, Portland, Detroit, Louisville, Memphis, Baltimore,
Milwaukee, Albuquerque, Tucson, Fresno, Sacramento, Mesa, Kansas City, Atlanta, Omaha, Colorado Springs,
Raleigh, Long Beach, Virginia Beach, Miami, Oakland, Minneapolis, Tulsa, Bakersfield, Wichita, Arlington,
Aurora, Tampa, New Orleans, Cleveland, Honolulu, Anaheim, Lexington, Stockton, Corpus Christi, Henderson,
Riverside, Newark, Saint Paul, St. Paul, Santa Ana, Cincinnati, Irvine, Orlando, Pittsburgh, St. Louis,
Saint Louis, Greensboro, Jersey City, Anchorage, Lincoln, Plano, Durham, Buffalo, Chandler, Chula Vista,
Toledo, Madison, Gilbert, Reno, Fort Wayne, North Las Vegas, St. Petersburg, Lubbock, Irving, Laredo,
Winston-Salem, Chesapeake, Glendale, Garland, Scottsdale, Norfolk, Boise, Fremont, Spokane, Santa Clarita,
Baton Rouge, Richmond, Hialeah, San Bernardino, Tacoma, Modesto, Huntsville, Des Moines, Yonkers, Rochester,
Moreno Valley, Fayetteville, Fontana, Worcester, Port St. Lucie, Little Rock, Augusta, Oxnard, Birmingham,
Montgomery, Frisco, Amarillo, Salt Lake City, Grand Rapids, Huntington Beach, Overland Park, Tallahassee,
Cape Coral, Knoxville, Shreveport, Vancouver, Sioux Falls, Chattanooga, Brownsville, Fort Lauderdale,
Providence, Newport News, Rancho Cucamonga, Santa Rosa, Peoria, Oceanside, Elk Grove, Salem, Pembroke Pines,
Eugene, Garden Grove, Cary, Fort Collins, Corona, Springfield, Jackson, Alexandria, Hayward, Clarksville,
Lakewood, Lancaster, Salinas, Palmdale, Hollywood, Macon, Sunnyvale, Pomona, Killeen, Escondido, Pasadena,
Naperville, Bellevue, Joliet, Murfreesboro, Midland, Rockford, Paterson, Savannah, Bridgeport, Torrance,
McAllen, Syracuse, Denton, Roseville, Thornton, Miramar, Mesquite, Olathe, Dayton, Carrollton, Waco,
Fullerton, Charleston, West Valley City, Visalia, Hampton, Gainesville, Coral Springs, Cedar Rapids,
Round Rock, Sterling Heights, Columbia, Santa Clara, New Haven, Stamford, Elizabeth, Athens, Thousand Oaks,
Lafayette, Simi Valley, Topeka, Norman, Fargo, Wilmington, Abilene, Odessa, Pearland, Victorville, Hartford,
Vallejo, Allentown, Berkeley, Richardson, Arvada, Ann Arbor, Cambridge, Sugar Land, Lansing, Evansville,
College Station, Fairfield, Clearwater, Beaumont, Provo, West Jordan, Murrieta, Palm Bay, El Monte, Carlsbad,
Temecula, Clovis, Westminster, Costa Mesa, High Point, Manchester, Pueblo, Lakeland, Pompano Beach,
West Palm Beach, Antioch, Everett, Downey, Lowell, Elgin, Broken Arrow, Miami Gardens, Billings,
Jurupa Valley, Sandy Springs, Gresham, Lewisville, Hillsboro, Ventura, Greeley, Inglewood, Waterbury,
League City, Santa Maria, Tyler, Daly City, Boulder, Allen, West Covina, Sparks, Wichita Falls, Green Bay,
San Mateo, Norwalk, Rialto, Las Cruces, Chico, El Cajon, Burbank, South Bend, Renton, Davenport, Edinburg,
Tuscaloosa, Spokane Valley, San Angelo, Vacaville, Albany, Juneau, Dover, Frankfort, Annapolis,
Jefferson City, Carson City, Trenton, Santa Fe, Bismarck, Harrisburg, Montpelier, Olympia, Cheyenne, Flint,
Scranton, Erie, Akron, Youngstown, Canton, Duluth, Rapid City, Missoula, Flagstaff, Yuma, Asheville,
Greenville, Spartanburg, Myrtle Beach, Biloxi, Hattiesburg, Tupelo, Pensacola, Daytona Beach, Sarasota,
Fort Myers, Naples, Ocala, Palo Alto, Santa Barbara, San Luis Obispo, Monterey, Redding, Yakima, Bellingham,
Kalamazoo, Traverse City, Saginaw, Muncie, Bloomington, Champaign, Urbana, Decatur, Dubuque, Iowa City, Ames,
Sioux City, Joplin, Branson, Texarkana, Hot Springs, Jonesboro, Lake Charles, Houma, Galveston, Harlingen,
Longview, San Marcos, New Braunfels, Burlington, Bangor, Nashua, New Bedford, Fall River, Poughkeepsie,
Ithaca, Binghamton, Utica, Schenectady, Atlantic City, Camden, Hoboken, Bethlehem, Altoona, State College,
Morgantown, Huntington, Roanoke, Lynchburg, Charlottesville, Blacksburg, Chapel Hill, Valdosta, Dothan,
Johnson City, Kingsport, Bowling Green, Owensboro, Paducah, Fairbanks, Hilo, Kailua, Casper, Laramie, Ogden,
St. George, Logan, Pocatello, Idaho Falls, Twin Falls, Coeur d'Alene
`;
