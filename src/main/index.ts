console.log('main stub')
